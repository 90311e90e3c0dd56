// Usage: dotnet run --project tools/FamilyMutualAid.Migrations -- <MigrationName> [--provider Sqlite|PostgreSql|all]
// Writes the migration into src/FamilyMutualAid.Web/Data/Migrations (SQLite) and/or Data/Migrations/PostgreSql, as
// `dotnet ef migrations add` would. Each provider has its own migration set; a schema change adds one to each (the default).
#pragma warning disable EF1001 // DesignTimeServicesBuilder is what the dotnet-ef tool itself uses.
using FamilyMutualAid.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design.Internal;
using Microsoft.EntityFrameworkCore.Migrations.Design;
using Microsoft.Extensions.DependencyInjection;
using FamilyMutualAid.Web.Content;
using FamilyMutualAid.Web.Publishing;

const string Usage = "usage: dotnet run --project tools/FamilyMutualAid.Migrations -- <MigrationName> [--provider Sqlite|PostgreSql|all]";
string[] providers;
switch (args)
{
    case [var only]:
        providers = ["Sqlite", "PostgreSql"];
        break;
    case [_, "--provider", var chosen] when chosen is "Sqlite" or "PostgreSql":
        providers = [chosen];
        break;
    case [_, "--provider", "all"]:
        providers = ["Sqlite", "PostgreSql"];
        break;
    default:
        Console.Error.WriteLine(Usage);
        return 2;
}
var name = args[0];

var projectDirectory = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../../src/FamilyMutualAid.Web"));
foreach (var provider in providers)
{
    // The design-time connection strings are never opened: scaffolding only compares the model with the snapshot.
    using PolicyDbContext db = provider == "Sqlite"
        ? new PolicyDbContext(new DbContextOptionsBuilder<PolicyDbContext>().UseSqlite("Data Source=:memory:").Options)
        : new PostgreSqlPolicyDbContext(new DbContextOptionsBuilder<PostgreSqlPolicyDbContext>().UseNpgsql("Host=localhost").Options);
    var subNamespace = provider == "Sqlite" ? "Data.Migrations" : "Data.Migrations.PostgreSql";
    var assembly = typeof(PolicyDbContext).Assembly;
    var reporter = new OperationReporter(handler: null);
    var services = new DesignTimeServicesBuilder(assembly, assembly, reporter, []).Build(db);
    var scaffolder = services.GetRequiredService<IMigrationsScaffolder>();
    var migration = scaffolder.ScaffoldMigration(name, "FamilyMutualAid.Web", subNamespace, "C#");
    var files = scaffolder.Save(projectDirectory, migration, Path.Combine(projectDirectory, Path.Combine(subNamespace.Split('.'))));
    Console.WriteLine($"{provider}: wrote {files.MigrationFile}");
    Console.WriteLine($"{provider}: wrote {files.SnapshotFile}");
}
return 0;
