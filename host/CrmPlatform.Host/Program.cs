using CrmPlatform.Host.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddCrmPlatform();

var app = builder.Build();
app.MapCrmPlatform();
app.Run();
