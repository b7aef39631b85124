using CrmPlatform.Host.Customers.ReadModel;
using CrmPlatform.Sdk.Events;
using Microsoft.Extensions.DependencyInjection;

namespace CrmPlatform.Host.Tests.ReadModel;

/// <summary>
/// Builds a host's services with its read model wrapped in a <see cref="PoisonedReadModel"/>: the
/// wrapping happens when the container is built, after the platform has registered its read model.
/// </summary>
internal sealed class PoisonedReadModelFactory(Func<EventEnvelope, bool> isPoison) : IServiceProviderFactory<IServiceCollection>
{
    private PoisonedReadModel? _model;

    /// <summary>The host's read model, once the host has resolved it.</summary>
    public PoisonedReadModel Model => _model ?? throw new InvalidOperationException("The host has not resolved its read model yet.");

    public IServiceCollection CreateBuilder(IServiceCollection services) => services;

    public IServiceProvider CreateServiceProvider(IServiceCollection containerBuilder)
    {
        var registered = containerBuilder.Last(d => d.ServiceType == typeof(ICustomerReadModel));
        containerBuilder.Add(ServiceDescriptor.Singleton<ICustomerReadModel>(sp =>
        {
            var inner = registered.ImplementationInstance as ICustomerReadModel
                ?? registered.ImplementationFactory?.Invoke(sp) as ICustomerReadModel
                ?? (ICustomerReadModel)ActivatorUtilities.CreateInstance(sp, registered.ImplementationType!);
            return _model = new PoisonedReadModel(inner, isPoison);
        }));
        return containerBuilder.BuildServiceProvider();
    }
}
