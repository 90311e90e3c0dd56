using System.Text;
using FamilyMutualAid.Web.Data;
using Microsoft.AspNetCore.Identity;
using FamilyMutualAid.Web.Publishing;

namespace FamilyMutualAid.Web.Infrastructure;

/// <summary>
/// `create-admin EMAIL`: creates the first administrator (or makes an existing account one). The password comes
/// from FMA_ADMIN_PASSWORD, or is asked for twice at the terminal without echo. There is no public registration.
/// </summary>
public static class CreateAdminCommand
{
    public const string PasswordVariable = "FMA_ADMIN_PASSWORD";

    public static async Task<int> RunAsync(WebApplication app, string[] args)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (args is not [_, var email] || !email.Contains('@', StringComparison.Ordinal))
        {
            await Console.Error.WriteLineAsync("usage: create-admin EMAIL   (password from FMA_ADMIN_PASSWORD, or asked for)");
            return 2;
        }
        var password = Environment.GetEnvironmentVariable(PasswordVariable) ?? Prompt();
        if (password is null)
        {
            await Console.Error.WriteLineAsync($"create-admin: no password: set {PasswordVariable} or run it at a terminal.");
            return 2;
        }
        await app.InitializeFamilyMutualAidAsync(importFiles: false);
        await using var scope = app.Services.CreateAsyncScope();
        var (code, message) = await CreateAsync(scope.ServiceProvider, email, password, CancellationToken.None);
        await (code == 0 ? Console.Out : Console.Error).WriteLineAsync(message);
        return code;
    }

    /// <summary>Creates the roles if missing and the admin account; returns an exit code and a message.</summary>
    public static async Task<(int Code, string Message)> CreateAsync(IServiceProvider services, string email, string password, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(services);
        var roles = services.GetRequiredService<RoleManager<IdentityRole>>();
        var users = services.GetRequiredService<UserManager<StaffUser>>();
        var audit = services.GetRequiredService<AuditLog>();
        foreach (var role in StaffRoles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                await roles.CreateAsync(new IdentityRole(role));
            }
        }
        var user = await users.FindByEmailAsync(email);
        if (user is null)
        {
            user = new StaffUser { UserName = email, Email = email, EmailConfirmed = true };
            var created = await users.CreateAsync(user, password);
            if (!created.Succeeded)
            {
                return (1, "create-admin: " + string.Join(" ", created.Errors.Select(e => e.Description)));
            }
            await audit.WriteAsync("create-admin", AuditActions.UserCreated, subject: email, cancellationToken: cancellationToken);
        }
        if (!await users.IsInRoleAsync(user, StaffRoles.Admin))
        {
            await users.AddToRoleAsync(user, StaffRoles.Admin);
            await audit.WriteAsync("create-admin", AuditActions.RoleGranted, subject: email, detail: StaffRoles.Admin, cancellationToken: cancellationToken);
        }
        return (0, $"{email} is an administrator.");
    }

    private static string? Prompt()
    {
        if (Console.IsInputRedirected)
        {
            return null;
        }
        var first = ReadHidden("Password (at least 12 characters): ");
        var second = ReadHidden("Repeat the password: ");
        if (first != second)
        {
            Console.Error.WriteLine("create-admin: the two passwords differ.");
            return null;
        }
        return first;
    }

    private static string ReadHidden(string prompt)
    {
        Console.Write(prompt);
        var text = new StringBuilder();
        for (var key = Console.ReadKey(intercept: true); key.Key != ConsoleKey.Enter; key = Console.ReadKey(intercept: true))
        {
            if (key.Key == ConsoleKey.Backspace && text.Length > 0)
            {
                text.Length--;
            }
            else if (!char.IsControl(key.KeyChar))
            {
                text.Append(key.KeyChar);
            }
        }
        Console.WriteLine();
        return text.ToString();
    }
}
