using MudBlazor;

namespace CrmPlatform.Host.Console.Components.Layout;

/// <summary>The console's colours: MudBlazor's defaults with a primary dark enough for AA contrast on white.</summary>
internal static class ConsoleTheme
{
    /// <summary>The theme.</summary>
    public static MudTheme Theme { get; } = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#1e4fa8",
            AppbarBackground = "#1e3a6e",
            TextSecondary = "rgba(0,0,0,0.72)",
        },
        Typography = new Typography
        {
            Default = new DefaultTypography { FontFamily = ["system-ui", "-apple-system", "Segoe UI", "Noto Sans", "Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", "sans-serif"] },
        },
    };
}
