using System.Globalization;
using System.Threading.RateLimiting;
using FamilyMutualAid.Web.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using FamilyMutualAid.Web.Publishing;

namespace FamilyMutualAid.Web.Pages.Staff;

/// <summary>Accounts, roles, cookies and sign-in limits of the staff area.</summary>
public static class StaffSetup
{
    public const string LoginRateLimit = "login";
    public const string StaffPolicy = "staff";
    public const string PublisherPolicy = "publisher";
    public const string AdminPolicy = "admin";

    public static WebApplicationBuilder AddStaffArea(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<StaffOptions>()
            .Bind(builder.Configuration.GetSection(StaffOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        var staff = builder.Configuration.GetSection(StaffOptions.SectionName).Get<StaffOptions>() ?? new StaffOptions();

        builder.Services.AddIdentity<StaffUser, IdentityRole>(options =>
            {
                // Length, not composition rules (NIST SP 800-63B).
                options.Password.RequiredLength = staff.MinimumPasswordLength;
                options.Password.RequireDigit = false;
                options.Password.RequireLowercase = false;
                options.Password.RequireUppercase = false;
                options.Password.RequireNonAlphanumeric = false;
                options.Password.RequiredUniqueChars = 1;
                // Wrong passwords pause the (account, client address) pair (FailedAttempts), not the account: a
                // stranger must not be able to lock its owner out.
                options.Lockout.AllowedForNewUsers = false;
                options.User.RequireUniqueEmail = true;
                options.SignIn.RequireConfirmedAccount = false;
            })
            .AddEntityFrameworkStores<PolicyDbContext>()
            .AddDefaultTokenProviders()
            .AddPasswordValidator<StaffPasswordValidator>()
            .AddErrorDescriber<StaffIdentityErrors>();
        // Check the security stamp on every staff request, so a password change or lock signs out other sessions at once.
        builder.Services.Configure<SecurityStampValidatorOptions>(options => options.ValidationInterval = TimeSpan.Zero);
        builder.Services.Configure<PasswordHasherOptions>(options =>
        {
            options.CompatibilityMode = PasswordHasherCompatibilityMode.IdentityV3;
            options.IterationCount = staff.PasswordIterations;
        });

        var development = builder.Environment.IsDevelopment();
        builder.Services.ConfigureApplicationCookie(options =>
        {
            options.Cookie.Name = "fma.staff";
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Strict;
            options.Cookie.SecurePolicy = development ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
            options.LoginPath = "/staff/login";
            options.LogoutPath = "/staff/logout";
            options.AccessDeniedPath = "/staff/denied";
            options.ExpireTimeSpan = TimeSpan.FromHours(8);
            options.SlidingExpiration = true;
            // A form posted after the sign-in expired is kept, and the browser comes back to its page after signing in.
            options.Events.OnRedirectToLogin = KeptForms.RedirectToLoginAsync;
        });
        builder.Services.AddAntiforgery(options =>
        {
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Strict;
            options.Cookie.SecurePolicy = development ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
        });

        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(StaffPolicy, policy => policy.RequireRole(StaffRoles.All))
            .AddPolicy(PublisherPolicy, policy => policy.RequireRole(StaffRoles.Publisher, StaffRoles.Admin))
            .AddPolicy(AdminPolicy, policy => policy.RequireRole(StaffRoles.Admin));

        builder.Services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = (context, _) =>
            {
                if (context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
                {
                    context.HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                }
                return ValueTask.CompletedTask;
            };
            // Only sign-in attempts (POST) count; showing the form is free.
            options.AddPolicy(LoginRateLimit, context =>
            {
                if (!HttpMethods.IsPost(context.Request.Method))
                {
                    return RateLimitPartition.GetNoLimiter("read");
                }
                var limits = context.RequestServices.GetRequiredService<IOptions<StaffOptions>>().Value;
                return RateLimitPartition.GetFixedWindowLimiter(
                    context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                    _ => new FixedWindowRateLimiterOptions
                    {
                        PermitLimit = limits.LoginAttemptsPerWindow,
                        Window = TimeSpan.FromSeconds(limits.LoginWindowSeconds),
                        QueueLimit = 0,
                    });
            });
        });
        // Every staff form is validated once, by its declared rules. Post-configured: adding Razor Pages, later, sets up
        // a new convention collection.
        builder.Services.PostConfigure<RazorPagesOptions>(options =>
            options.Conventions.AddFolderApplicationModelConvention("/Staff", page => page.Filters.Add(new StaffFormFilter())));
        builder.Services.AddSingleton<FailedAttempts>();
        builder.Services.AddSingleton<KeptForms>();
        builder.Services.AddScoped<DummyPassword>();
        builder.Services.AddScoped<AuditLog>();
        builder.Services.AddScoped<RecordEditor>();
        builder.Services.AddScoped<ReviewWorkflow>();
        builder.Services.AddScoped<Pages.Staff.ReviewListQuery>();
        builder.Services.AddSingleton<ScheduledPublisher>();
        builder.Services.AddHostedService(services => services.GetRequiredService<ScheduledPublisher>());
        return builder;
    }
}
