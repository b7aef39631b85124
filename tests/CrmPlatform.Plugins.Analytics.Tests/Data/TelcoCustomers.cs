using System.Globalization;
using CrmPlatform.Plugins.Analytics.Features;
using CrmPlatform.Plugins.Analytics.Prediction;
using CsvHelper;

namespace CrmPlatform.Plugins.Analytics.Tests.Data;

/// <summary>
/// The public IBM Telco customer churn data set as the feature store would hold it after an import: each column an
/// attribute (<c>attr.&lt;name&gt;</c>, Yes/No and 0/1 as numbers, text as categories, a blank total as missing),
/// plus event-derived numbers that are the same for every imported customer.
/// </summary>
internal static class TelcoCustomers
{
    private static readonly (string Column, string Attribute)[] YesNo =
        [("Partner", "partner"), ("Dependents", "dependents"), ("PhoneService", "phoneService"), ("PaperlessBilling", "paperlessBilling")];

    private static readonly (string Column, string Attribute)[] Amounts =
        [("tenure", "tenure"), ("MonthlyCharges", "monthlyCharges"), ("TotalCharges", "totalCharges")];

    private static readonly (string Column, string Attribute)[] Texts =
    [
        ("gender", "gender"), ("MultipleLines", "multipleLines"), ("InternetService", "internetService"),
        ("OnlineSecurity", "onlineSecurity"), ("OnlineBackup", "onlineBackup"), ("DeviceProtection", "deviceProtection"),
        ("TechSupport", "techSupport"), ("StreamingTV", "streamingTv"), ("StreamingMovies", "streamingMovies"),
        ("Contract", "contract"), ("PaymentMethod", "paymentMethod"),
    ];

    public static string CsvPath => Path.Combine(AppContext.BaseDirectory, "Prediction", "Data", "telco-customer-churn.csv");

    public static async Task<IReadOnlyList<ChurnExample>> LoadAsync()
    {
        using var csv = CsvReader.Create(File.OpenRead(CsvPath), CsvReaderOptions.Default with { HasHeader = true }, leaveOpen: false);
        await csv.ReadHeaderAsync();
        var columns = csv.Headers.Select((h, i) => (h, i)).ToDictionary(p => p.h, p => p.i);
        string Field(string column) => csv.GetString(columns[column]) ?? string.Empty;
        var examples = new List<ChurnExample>();
        while (await csv.ReadAsync())
        {
            var numbers = new Dictionary<string, double>
            {
                ["attr.seniorCitizen"] = double.Parse(Field("SeniorCitizen"), CultureInfo.InvariantCulture),
                ["orders.count"] = 0,
                ["cases.complaint"] = 0,
                ["interactions.email"] = 0,
                ["tenure.days"] = 30,
            };
            foreach (var (column, attribute) in YesNo)
            {
                numbers["attr." + attribute] = Field(column) == "Yes" ? 1 : 0;
            }

            foreach (var (column, attribute) in Amounts)
            {
                if (double.TryParse(Field(column), NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
                {
                    numbers["attr." + attribute] = value;
                }
            }

            var categories = Texts.ToDictionary(t => "attr." + t.Attribute, t => Field(t.Column));
            examples.Add(new ChurnExample(new FeatureVector(Field("customerID"), numbers, categories), Field("Churn") == "Yes"));
        }

        return examples;
    }
}
