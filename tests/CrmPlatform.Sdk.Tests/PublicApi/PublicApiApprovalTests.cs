using System.Reflection;
using System.Runtime.CompilerServices;
using CrmPlatform.Sdk.Plugins;
using CrmPlatform.Sdk.Testing;
using PublicApiGenerator;

namespace CrmPlatform.Sdk.Tests.PublicApi;

/// <summary>
/// Locks the public surface of the SDK packages: any change shows up as a diff against the approved
/// file, to be reviewed and approved together with the SemVer bump it calls for.
/// </summary>
public sealed class PublicApiApprovalTests
{
    public static TheoryData<string> Packages => ["CrmPlatform.Sdk", "CrmPlatform.Sdk.Testing"];

    [Theory]
    [MemberData(nameof(Packages))]
    public void PublicApi_IsTheApprovedOne(string package)
    {
        var assembly = package switch
        {
            "CrmPlatform.Sdk" => typeof(IPlugin).Assembly,
            "CrmPlatform.Sdk.Testing" => typeof(PluginTestHost).Assembly,
            _ => throw new ArgumentOutOfRangeException(nameof(package)),
        };
        var received = Normalize(assembly.GeneratePublicApi(new ApiGeneratorOptions { IncludeAssemblyAttributes = false }));
        var approvedPath = Path.Combine(AppContext.BaseDirectory, "PublicApi", $"{package}.approved.txt");
        var approved = File.Exists(approvedPath) ? Normalize(File.ReadAllText(approvedPath)) : string.Empty;

        if (received != approved)
        {
            var receivedPath = WriteReceived(package, received);
            var sourceApproved = Path.Combine(SourceDirectory(), $"{package}.approved.txt");
            Assert.Fail(
                $"The public API of {package} ({Version(assembly)}) differs from the approved one. "
                + $"Review the difference with `diff {sourceApproved} {receivedPath}`; if it is intended, approve it with "
                + $"`cp {receivedPath} {sourceApproved}` and bump the package version (SemVer: a removal or change is a major bump).");
        }
    }

    private static string WriteReceived(string package, string received)
    {
        var directory = Directory.Exists(SourceDirectory()) ? SourceDirectory() : Path.Combine(AppContext.BaseDirectory, "PublicApi");
        var path = Path.Combine(directory, $"{package}.received.txt");
        File.WriteAllText(path, received);
        return path;
    }

    private static string SourceDirectory([CallerFilePath] string thisFile = "") => Path.GetDirectoryName(thisFile) ?? string.Empty;

    private static string Normalize(string text) => text.ReplaceLineEndings("\n").TrimEnd() + "\n";

    private static string Version(Assembly assembly) =>
        assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "?";
}
