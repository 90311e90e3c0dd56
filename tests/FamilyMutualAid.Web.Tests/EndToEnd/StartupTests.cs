using System.Net;
using FamilyMutualAid.Web.Data;
using FamilyMutualAid.Web.Tests.Infrastructure.Servers;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;

namespace FamilyMutualAid.Web.Tests.EndToEnd;

public sealed class StartupTests(ITestOutputHelper output)
{
    [ServerFact]
    public async Task Four_instances_started_at_once_on_an_empty_database_all_come_up_with_one_import()
    {
        var connectionString = await (await PostgresServer.SharedAsync()).CreateDatabaseAsync();

        var starting = Enumerable.Range(0, 4).Select(_ => Task.Run(() => new Instance(connectionString, ExternalProcess.FreePort()).LogTo(output)));
        var instances = (await Task.WhenAll(starting)).Cast<Instance>().ToList();
        try
        {
            await Task.WhenAll(instances.Select(i => Task.Run(() => i.Start())));
            foreach (var instance in instances)
            {
                using var client = instance.Direct(new CookieJar());
                using var ready = await client.GetAsync("/healthz/ready");
                Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
            }
            await using var db = PostgresServer.Open(connectionString);
            Assert.Equal(1, await db.Audit.CountAsync(a => a.Action == AuditActions.Import));
            Assert.Equal(1, await db.DataVersionAsync(CancellationToken.None));
        }
        finally
        {
            foreach (var instance in instances)
            {
                await instance.DisposeAsync();
            }
        }
    }
}
