using FamilyMutualAid.Web.Infrastructure;

var command = SiteCommands.Matches(args);
var builder = WebApplication.CreateBuilder(command ? FileWatching.OffArguments : args);
builder.AddFamilyMutualAid();
var app = builder.Build();
if (command)
{
    return await SiteCommands.RunAsync(app, args);
}
await app.InitializeFamilyMutualAidAsync();
app.UseFamilyMutualAid();
await app.RunAsync();
return 0;

/// <summary>Entry point, visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
