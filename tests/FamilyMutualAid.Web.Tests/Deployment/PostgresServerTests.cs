using FamilyMutualAid.Web.Tests.Infrastructure.Servers;
using Npgsql;

namespace FamilyMutualAid.Web.Tests.Deployment;

public sealed class PostgresServerTests
{
    [ServerFact]
    public async Task The_test_run_has_a_postgresql_server_with_a_fresh_database_per_fixture()
    {
        var server = await PostgresServer.SharedAsync();

        var first = await server.CreateDatabaseAsync();
        var second = await server.CreateDatabaseAsync();
        await using var connection = new NpgsqlConnection(first);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'", connection);

        Assert.NotEqual(first, second);
        Assert.Equal(0L, await command.ExecuteScalarAsync());
    }
}
