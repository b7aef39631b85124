using CrmPlatform.Host.Hosting;

await CrmPlatformApp.Build(args).RunAsync();
