using System.Diagnostics;
using CrmPlatform.Host.Tests.Infrastructure;
using CrmPlatform.Sdk.Customers;

namespace CrmPlatform.Host.Tests.Import;

/// <summary>The public IBM Telco customer-churn file (7,043 customers) through the import; churned customers arrive Terminated.</summary>
public sealed class TelcoChurnImportTests
{
    public const string Mapping = """
        {
          "columns": {
            "customerID": ["id", "lastName"], "gender": "attributes.gender", "SeniorCitizen": "attributes.seniorCitizen",
            "Partner": "attributes.partner", "Dependents": "attributes.dependents", "tenure": "attributes.tenure",
            "PhoneService": "attributes.phoneService", "MultipleLines": "attributes.multipleLines",
            "InternetService": "attributes.internetService", "OnlineSecurity": "attributes.onlineSecurity",
            "OnlineBackup": "attributes.onlineBackup", "DeviceProtection": "attributes.deviceProtection",
            "TechSupport": "attributes.techSupport", "StreamingTV": "attributes.streamingTv",
            "StreamingMovies": "attributes.streamingMovies", "Contract": "attributes.contract",
            "PaperlessBilling": "attributes.paperlessBilling", "PaymentMethod": "attributes.paymentMethod",
            "MonthlyCharges": "attributes.monthlyCharges", "TotalCharges": "attributes.totalCharges", "Churn": "stage"
          },
          "values": { "Churn": { "Yes": "terminated", "No": "" } }
        }
        """;

    /// <summary>The attributes the Telco columns map to.</summary>
    public static readonly string[] AttributeArgs =
    [
        .. new[] { "gender", "multipleLines", "internetService", "onlineSecurity", "onlineBackup", "deviceProtection", "techSupport", "streamingTv", "streamingMovies", "contract", "paymentMethod" }
            .Select(a => $"--Crm:Customers:Attributes:{a}:Type=Text"),
        .. new[] { "seniorCitizen", "partner", "dependents", "phoneService", "paperlessBilling" }.Select(a => $"--Crm:Customers:Attributes:{a}:Type=Boolean"),
        "--Crm:Customers:Attributes:tenure:Type=WholeNumber",
        "--Crm:Customers:Attributes:monthlyCharges:Type=Number",
        "--Crm:Customers:Attributes:totalCharges:Type=Number",
    ];

    [Fact]
    public async Task Import_TelcoChurnFile_AllCustomersArrive_ChurnedOnesTerminated()
    {
        var path = DataFile("telco-customer-churn.csv");
        var lines = await File.ReadAllLinesAsync(path, TestContext.Current.CancellationToken);
        var ids = lines.Skip(1).Select(l => l.Split(',')[0]).ToArray();
        var churned = lines.Skip(1).Count(l => l.EndsWith(",Yes", StringComparison.Ordinal));
        await using var host = await CrmTestHost.StartAsync(extraArgs: AttributeArgs);

        var clock = Stopwatch.StartNew();
        var job = await host.Admin.ImportAsync("customers", Mapping, await File.ReadAllBytesAsync(path, TestContext.Current.CancellationToken));
        var elapsed = clock.Elapsed;
        TestContext.Current.SendDiagnosticMessage($"Telco import: {job.RowsRead} rows in {elapsed.TotalSeconds:0.0} s ({job.RowsRead / elapsed.TotalSeconds:0} rows/s)");
        System.Console.WriteLine($"Telco import: {job.RowsRead} rows in {elapsed.TotalSeconds:0.0} s ({job.RowsRead / elapsed.TotalSeconds:0} rows/s)");

        Assert.Equal(1869, churned);
        Assert.Equal(("completed", 7043L, 7043L, 0L), (job.State, job.RowsRead, job.Imported, job.Failed));
        var customers = await Task.WhenAll(ids.Select(host.CustomerAsync));
        Assert.Equal(7043, customers.Count(c => c is not null));
        Assert.Equal(churned, customers.Count(c => c!.Stage == LifecycleStage.Terminated));
        var first = customers[0]!;
        Assert.Equal(("7590-VHVEG", "Month-to-month", 1), (first.LastName, first.Attributes["contract"].GetString(), first.Attributes["tenure"].GetInt32()));
        Assert.Equal(29.85m, first.Attributes["monthlyCharges"].GetDecimal());
    }

    /// <summary>A file of Import/Data in the source tree (found from the test output folder upwards).</summary>
    private static string DataFile(string name)
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "tests", "CrmPlatform.Host.Tests", "Import", "Data", name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException($"Import/Data/{name} not found above {AppContext.BaseDirectory}.");
    }
}
