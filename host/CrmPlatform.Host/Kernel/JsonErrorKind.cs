namespace CrmPlatform.Host.Kernel;

/// <summary>Why a request body could not be read as the operation's JSON.</summary>
internal enum JsonErrorKind
{
    /// <summary>The text is not JSON (or not one JSON value).</summary>
    InvalidJson,

    /// <summary>A member the target type does not have.</summary>
    UnknownField,

    /// <summary>A value of the wrong JSON kind, or one the member's type cannot hold (an unknown enum name, a malformed date).</summary>
    WrongType,

    /// <summary><c>null</c> where the member does not allow it.</summary>
    Null,

    /// <summary>The same member twice in one object.</summary>
    Duplicate,
}
