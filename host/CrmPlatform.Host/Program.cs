using CrmPlatform.Host.Hosting;

return await CrmPlatformApp.RunAsync(args);
