using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;

namespace CrmPlatform.Host.Console.Components;

/// <summary>
/// The console's pages are interactive server components (one SignalR circuit per tab); they are
/// not prerendered, so what a person sees is always the live, interactive page. Sign-in and the
/// welcome page are static server rendering: they set cookies, which needs the HTTP response.
/// </summary>
internal static class ConsoleRenderMode
{
    /// <summary>The mode of the signed-in pages.</summary>
    public static IComponentRenderMode Interactive { get; } = new InteractiveServerRenderMode(prerender: false);
}
