namespace CrmPlatform.Host.Tests.Plugins.Composition;

/// <summary>Every plugin in the repository, where its build output is, and settings inputs worth a verdict.</summary>
internal static class ParityPlugins
{
    /// <summary>Inputs every plugin with settings gets: the defaults, an unknown member, not an object, wrong JSON.</summary>
    public static readonly string[] CommonInputs = ["{}", """{"noSuchSetting":1}""", "null", "[1]", "{"];

    /// <summary>A webhook endpoint the platform refuses for its URL: the case the test kit once let through.</summary>
    public const string WebhookWithFtpUrl = """{"endpoints":[{"name":"a","url":"ftp://example.com/hook","secret":"0123456789abcdef0123"}]}""";

    /// <summary>Settings inputs for one plugin, by project name.</summary>
    public static readonly IReadOnlyDictionary<string, string[]> ExtraInputs = new Dictionary<string, string[]>
    {
        ["CrmPlatform.Plugins.Webhooks"] =
        [
            WebhookWithFtpUrl,
            """{"endpoints":[{"name":"a","url":"https://example.com/hook","secret":"0123456789abcdef0123"}]}""",
            """{"endpoints":[{"name":"a","url":"https://example.com/hook","secret":"short","events":["no.such.event"]}]}""",
            """{"endpoints":[{"name":"a","url":"https://example.com/a","secret":"0123456789abcdef0123"},{"name":"A","url":"https://example.com/b","secret":"0123456789abcdef0123"}]}""",
            """{"timeoutSeconds":0}""",
        ],
        ["CrmPlatform.Plugins.Email"] =
        [
            """{"port":0}""",
            """{"templates":[{"name":"a","subject":"s","textBody":"t"},{"name":"A","subject":"s","textBody":"t"}]}""",
            """{"templates":[{"name":"","subject":"s","textBody":"t"}]}""",
        ],
        ["CrmPlatform.Plugins.Sms"] = ["""{"maxSegments":11}""", """{"defaultRegion":"ZZ"}"""],
        ["CrmPlatform.Plugins.Analytics"] = ["""{"vipCutoff":0.9,"keyCutoff":0.8}""", """{"churnRiskThreshold":1.5}"""],
        ["Contoso.Crm.Loyalty"] = ["""{"pointsPerUnit":5000}"""],
    };

    /// <summary>The plugin projects: test plugins, bundled plugins and samples (folder below the repository root).</summary>
    public static readonly string[] Projects =
    [
        "tests/CrmPlatform.TestPlugins.Probe",
        "tests/CrmPlatform.TestPlugins.Reports",
        "tests/CrmPlatform.TestPlugins.Channel",
        "tests/CrmPlatform.TestPlugins.Counter",
        "tests/CrmPlatform.TestPlugins.Misbehaving",
        "plugins/CrmPlatform.Plugins.Webhooks",
        "plugins/CrmPlatform.Plugins.Sms",
        "plugins/CrmPlatform.Plugins.Email",
        "plugins/CrmPlatform.Plugins.WebChat",
        "plugins/CrmPlatform.Plugins.Analytics",
        "samples/Contoso.Crm.Loyalty",
        "samples/Contoso.Crm.Pager",
    ];

    /// <summary>The build output of a plugin project, in the configuration the tests were built in.</summary>
    public static string OutputOf(string project)
    {
        var root = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(root, "CrmPlatform.sln")))
        {
            root = Path.GetDirectoryName(root.TrimEnd(Path.DirectorySeparatorChar))
                ?? throw new InvalidOperationException("The repository root (CrmPlatform.sln) is not above the test output.");
        }

        // bin/<Configuration>/net10.0: the test output sits at the same depth of its own project.
        var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;
        var folder = Path.Combine(root, project, "bin", configuration, "net10.0");
        return File.Exists(Path.Combine(folder, "plugin.json"))
            ? folder
            : throw new InvalidOperationException($"{project} is not built in {configuration}: {folder} has no plugin.json.");
    }

    public static string[] InputsOf(string project) =>
        [.. CommonInputs, .. ExtraInputs.GetValueOrDefault(Path.GetFileName(project), [])];
}
