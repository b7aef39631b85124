namespace CrmPlatform.Host.Console;

/// <summary>The console's texts: <c>ConsoleText.resx</c> (English) and <c>ConsoleText.zh-Hans.resx</c> (Simplified Chinese), read through <c>IStringLocalizer&lt;ConsoleText&gt;</c>.</summary>
internal sealed class ConsoleText
{
    private ConsoleText()
    {
    }
}
