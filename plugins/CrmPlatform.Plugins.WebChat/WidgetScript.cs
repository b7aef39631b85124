namespace CrmPlatform.Plugins.WebChat;

/// <summary>The widget's script, embedded in the assembly (Assets/widget.js).</summary>
internal static class WidgetScript
{
    public const string Name = "widget.js";
    public const string ContentType = "text/javascript; charset=utf-8";

    private static readonly Lazy<string> Script = new(() =>
    {
        using var stream = typeof(WidgetScript).Assembly.GetManifestResourceStream(Name)
            ?? throw new InvalidOperationException($"The resource {Name} is missing from the assembly.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    });

    public static string Text => Script.Value;
}
