namespace CrmPlatform.Host.Kernel;

/// <summary>Settings of the process (configuration section <c>Crm</c>; <c>CRM_DATA_DIR</c> sets the data directory).</summary>
public sealed class CrmHostOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Crm";

    /// <summary>Where the embedded databases and the first admin key live. Default: <c>./data</c>.</summary>
    public string DataDirectory { get; set; } = "data";

    /// <summary>The Orleans silo-to-silo port.</summary>
    public int SiloPort { get; set; } = 11111;

    /// <summary>The Orleans client gateway port.</summary>
    public int GatewayPort { get; set; } = 30000;

    /// <summary>
    /// The IP address other silos reach this one at (cluster mode). Default: loopback, for a cluster
    /// on one machine; set it to the machine's address for a cluster across machines (the silo then
    /// listens on every interface).
    /// </summary>
    public string? AdvertisedAddress { get; set; }

    /// <summary>The Orleans cluster id.</summary>
    public string ClusterId { get; set; } = "crm";

    /// <summary>The Orleans service id; never change it once data exists.</summary>
    public string ServiceId { get; set; } = "crm-platform";

    /// <summary>The largest request body the API accepts, in bytes.</summary>
    public long MaxRequestBodyBytes { get; set; } = 1024 * 1024;
}
