namespace CrmPlatform.Benchmarks;

/// <summary>
/// The public IBM Telco customer-churn file (7,043 customers) and how the platform imports it: the same mapping
/// and attribute schema as the host's Telco import test; churned customers arrive Terminated.
/// </summary>
internal static class TelcoChurnData
{
    public const string FileName = "telco-customer-churn.csv";

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

    /// <summary>The attribute schema the Telco columns map to, as host arguments.</summary>
    public static readonly string[] AttributeArgs =
    [
        .. new[] { "gender", "multipleLines", "internetService", "onlineSecurity", "onlineBackup", "deviceProtection", "techSupport", "streamingTv", "streamingMovies", "contract", "paymentMethod" }
            .Select(a => $"--Crm:Customers:Attributes:{a}:Type=Text"),
        .. new[] { "seniorCitizen", "partner", "dependents", "phoneService", "paperlessBilling" }.Select(a => $"--Crm:Customers:Attributes:{a}:Type=Boolean"),
        "--Crm:Customers:Attributes:tenure:Type=WholeNumber",
        "--Crm:Customers:Attributes:monthlyCharges:Type=Number",
        "--Crm:Customers:Attributes:totalCharges:Type=Number",
    ];

    /// <summary>
    /// The data file: the shared data folder beside the repository (<c>../shared/data</c>), else the copy in the
    /// host tests (<c>tests/CrmPlatform.Host.Tests/Import/Data</c>); searched upwards from the program's folder.
    /// </summary>
    public static string Find()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (!File.Exists(Path.Combine(directory.FullName, "CrmPlatform.sln")))
            {
                continue;
            }

            foreach (var candidate in new[]
            {
                Path.Combine(directory.FullName, "..", "shared", "data", FileName),
                Path.Combine(directory.FullName, "tests", "CrmPlatform.Host.Tests", "Import", "Data", FileName),
            })
            {
                if (File.Exists(candidate))
                {
                    return Path.GetFullPath(candidate);
                }
            }
        }

        throw new FileNotFoundException($"{FileName} is neither in ../shared/data beside the repository nor in tests/CrmPlatform.Host.Tests/Import/Data.");
    }
}
