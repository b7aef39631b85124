using CrmPlatform.Sdk.Crm;
using CrmPlatform.Sdk.Plugins;

namespace CrmPlatform.Sdk.Testing;

/// <summary>
/// The platform side of <see cref="ICrm"/> in a test: checks every call against the manifest's
/// permissions like the platform (throwing <see cref="PluginPermissionException"/>), records it with
/// the idempotency key the platform would use, answers <see cref="CrmStatus.Replayed"/> when a
/// successful write's key comes again, reads seeded customers, and answers writes with
/// <see cref="CrmStatus.Accepted"/> unless a test scripts another result.
/// </summary>
public sealed class RecordingCrm
{
    private readonly PluginManifest _manifest;
    private readonly Lock _gate = new();
    private readonly List<CrmCall> _calls = [];
    private readonly Dictionary<string, CustomerSnapshot> _customers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _versions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, CrmResult> _writtenKeys = new(StringComparer.Ordinal);
    private Func<CrmCall, CrmResult?>? _responder;

    internal RecordingCrm(PluginManifest manifest) => _manifest = manifest;

    /// <summary>Every permitted call so far, oldest first (calls refused for a missing permission are not recorded).</summary>
    public IReadOnlyList<CrmCall> Calls
    {
        get
        {
            lock (_gate)
            {
                return [.. _calls];
            }
        }
    }

    /// <summary>Makes <see cref="ICrm.GetCustomerAsync"/> return <paramref name="customer"/>; writes then count its version up.</summary>
    public void AddCustomer(CustomerSnapshot customer)
    {
        ArgumentNullException.ThrowIfNull(customer);
        lock (_gate)
        {
            _customers[customer.Id] = customer;
            _versions[customer.Id] = customer.Version;
        }
    }

    /// <summary>
    /// Scripts the answers to writes: <paramref name="responder"/> sees each write (its
    /// <see cref="CrmCall.Result"/> still null) and returns the result, or null for the default
    /// (<see cref="CrmStatus.Accepted"/>). Replays of a successful key are answered before it is asked.
    /// </summary>
    public void Respond(Func<CrmCall, CrmResult?> responder)
    {
        ArgumentNullException.ThrowIfNull(responder);
        lock (_gate)
        {
            _responder = responder;
        }
    }

    /// <summary>Forgets the recorded calls (not the seeded customers, the script or the keys already written).</summary>
    public void ClearCalls()
    {
        lock (_gate)
        {
            _calls.Clear();
        }
    }

    internal CustomerSnapshot? Read(string customerId, ICollection<CrmCall> sink)
    {
        ArgumentException.ThrowIfNullOrEmpty(customerId);
        Demand(PluginPermissions.ReadCustomers);
        lock (_gate)
        {
            var call = new CrmCall(nameof(ICrm.GetCustomerAsync), customerId, [], null, null);
            _calls.Add(call);
            sink.Add(call);
            return _customers.GetValueOrDefault(customerId);
        }
    }

    internal CrmResult Write(
        string method,
        string permission,
        string customerId,
        IReadOnlyList<object?> arguments,
        Func<string> nextKey,
        ICollection<CrmCall> sink)
    {
        ArgumentException.ThrowIfNullOrEmpty(customerId);
        Demand(permission);
        lock (_gate)
        {
            var key = nextKey();
            var call = new CrmCall(method, customerId, arguments, key, null);
            if (_writtenKeys.TryGetValue(key, out var first))
            {
                return Record(call, new CrmResult(CrmStatus.Replayed, first.Version, null), sink);
            }

            var result = _responder?.Invoke(call) ?? Accept(customerId);
            if (result.Succeeded)
            {
                _writtenKeys[key] = result;
            }

            return Record(call, result, sink);
        }
    }

    private CrmResult Accept(string customerId)
    {
        var version = _versions.GetValueOrDefault(customerId) + 1;
        _versions[customerId] = version;
        return new CrmResult(CrmStatus.Accepted, version, null);
    }

    private CrmResult Record(CrmCall call, CrmResult result, ICollection<CrmCall> sink)
    {
        var recorded = call with { Result = result };
        _calls.Add(recorded);
        sink.Add(recorded);
        return result;
    }

    private void Demand(string permission)
    {
        if (!_manifest.Grants(permission))
        {
            throw new PluginPermissionException(_manifest.Id, permission);
        }
    }
}
