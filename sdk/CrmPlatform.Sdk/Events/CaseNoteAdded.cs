namespace CrmPlatform.Sdk.Events;

/// <summary>An agent wrote on a case: an internal note, or a public comment to the customer (a response for the SLA).</summary>
/// <param name="NoteId">Identifies the note within the case.</param>
/// <param name="Text">What was written.</param>
/// <param name="Internal">True for a note only agents see.</param>
[CustomerEvent("crm.case.note-added", 1)]
public sealed record CaseNoteAdded(string NoteId, string Text, bool Internal) : ICustomerEvent;
