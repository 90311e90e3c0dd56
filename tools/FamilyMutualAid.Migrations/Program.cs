// Usage: dotnet run --project tools/FamilyMutualAid.Migrations -- <MigrationName>
// Writes the migration into src/FamilyMutualAid.Web/Data/Migrations, as `dotnet ef migrations add` would.
#pragma warning disable EF1001 // DesignTimeServicesBuilder is what the dotnet-ef tool itself uses.
using FamilyMutualAid.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design.Internal;
using Microsoft.EntityFrameworkCore.Migrations.Design;
using Microsoft.Extensions.DependencyInjection;

if (args is not [var name])
{
    Console.Error.WriteLine("usage: dotnet run --project tools/FamilyMutualAid.Migrations -- <MigrationName>");
    return 2;
}

var projectDirectory = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../../src/FamilyMutualAid.Web"));
using var db = new PolicyDbContext(new DbContextOptionsBuilder<PolicyDbContext>().UseSqlite("Data Source=:memory:").Options);
var assembly = typeof(PolicyDbContext).Assembly;
var reporter = new OperationReporter(handler: null);
var services = new DesignTimeServicesBuilder(assembly, assembly, reporter, []).Build(db);
var scaffolder = services.GetRequiredService<IMigrationsScaffolder>();
var migration = scaffolder.ScaffoldMigration(name, "FamilyMutualAid.Web", "Data.Migrations", "C#");
var files = scaffolder.Save(projectDirectory, migration, Path.Combine(projectDirectory, "Data", "Migrations"));
Console.WriteLine($"wrote {files.MigrationFile}");
Console.WriteLine($"wrote {files.SnapshotFile}");
return 0;
