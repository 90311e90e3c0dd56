using FamilyMutualAid.Web.Caching;
using FamilyMutualAid.Rules;
using FamilyMutualAid.Web.Api;
using FamilyMutualAid.Web.Data;
using FamilyMutualAid.Web.Markdown;
using FamilyMutualAid.Web.Places;
using FamilyMutualAid.Web.Pages.Staff;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Serilog;
using Serilog.Events;
using FamilyMutualAid.Web.Hosting;
using FamilyMutualAid.Web.Publishing;

namespace FamilyMutualAid.Web.Infrastructure;

/// <summary>Wires the site together, so Program.cs stays a few lines.</summary>
public static class FamilyMutualAidSetup
{
    public const string DataProtectionApplicationName = "FamilyMutualAid";

    public static WebApplicationBuilder AddFamilyMutualAid(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (!FileWatching.IsOn(builder.Configuration))
        {
            FileWatching.TurnOffFor(builder.Environment);
        }
        builder.Services.AddSerilog((services, logger) => logger
            .ReadFrom.Configuration(builder.Configuration)
            .ReadFrom.Services(services)
            .MinimumLevel.Override("Microsoft.AspNetCore", LogEventLevel.Warning)
            .MinimumLevel.Override("Microsoft.EntityFrameworkCore", LogEventLevel.Warning)
            .Enrich.FromLogContext()
            .WriteTo.Console(formatProvider: System.Globalization.CultureInfo.InvariantCulture));

        builder.Services.AddOptions<FamilyMutualAidOptions>()
            .Bind(builder.Configuration.GetSection(FamilyMutualAidOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();

        builder.AddPolicyDatabase();
        if (builder.Configuration.GetSection(FamilyMutualAidOptions.SectionName).Get<FamilyMutualAidOptions>()?.DatabaseProvider == DatabaseProvider.PostgreSql)
        {
            // Other instances' commits arrive at once through LISTEN/NOTIFY (polling covers SQLite and lost notices).
            builder.Services.AddHostedService<PostgreSqlDataVersionListener>();
        }
        // One key ring in the database under one application name: every instance reads the others' cookies and
        // form tokens, and a restart or a deploy signs nobody out.
        builder.Services.AddDataProtection()
            .SetApplicationName(DataProtectionApplicationName)
            .PersistKeysToDbContext<PolicyDbContext>();

        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<PolicySnapshotProvider>();
        builder.Services.AddSingleton<PublishedDataWatcher>();
        builder.Services.AddHostedService(services => services.GetRequiredService<PublishedDataWatcher>());
        builder.Services.AddSingleton<MarkdownRenderer>();
        builder.AddStaticAssets();
        var contentRoot = builder.Environment.ContentRootPath;
        builder.Services.AddSingleton(services => LoadPlaces(services.GetRequiredService<IOptions<FamilyMutualAidOptions>>().Value, contentRoot));
        builder.Services.AddScoped<PolicyImporter>();
        builder.Services.AddHealthChecks()
            .AddCheck<DatabaseHealthCheck>("database", tags: [HealthChecks.ReadyTag])
            .AddCheck<SnapshotHealthCheck>("snapshot", tags: [HealthChecks.ReadyTag]);
        builder.AddReverseProxy();
        builder.AddPublicAddress();
        builder.AddStaffArea();
        builder.Services.AddRazorPages(options =>
        {
            options.Conventions.AuthorizeFolder("/Staff", StaffSetup.StaffPolicy);
            options.Conventions.AuthorizePage("/Staff/Audit", StaffSetup.AdminPolicy);
            options.Conventions.AuthorizePage("/Staff/Users", StaffSetup.AdminPolicy);
            options.Conventions.AllowAnonymousToPage("/Staff/Login");
            options.Conventions.AllowAnonymousToPage("/Staff/Denied");
            options.Conventions.AddFolderApplicationModelConvention("/Staff", page => page.Filters.Add(new StaffRecordFilter()));
            options.Conventions.AddFolderApplicationModelConvention("/Staff", page => page.Filters.Add(new StaffSaveFailureFilter()));
        });
        builder.Services.Configure<Microsoft.AspNetCore.Mvc.MvcOptions>(options => options.Filters.Add<UnknownHandlerFilter>());
        // Pages go out without the templates' indentation (a fifth of a region page's bytes).
        IndentFreeWriterFactory.Decorate(builder.Services);
        // Encode only what HTML needs; Chinese text goes out as UTF-8, not as &#x...; entities.
        builder.Services.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(options =>
            options.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        builder.Services.AddProblemDetails();
        builder.Services.AddJsonApi();
        // [PublishedPage] pages and API answers: cached on their inputs only, evicted on every refresh.
        builder.Services.AddSingleton<PublishedPagePolicy>();
        builder.Services.AddOutputCache();
        builder.Services.AddResponseEncoding();
        builder.Services.AddOptions<Microsoft.AspNetCore.OutputCaching.OutputCacheOptions>()
            .Configure<PublishedPagePolicy>((options, policy) => options.AddBasePolicy(policy));
        builder.Services.ConfigureHttpJsonOptions(options =>
            options.SerializerOptions.Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Create(System.Text.Unicode.UnicodeRanges.All));
        builder.Services.AddHsts(options => options.MaxAge = TimeSpan.FromDays(365));
        return builder;
    }

    /// <summary>Creates and migrates the database, imports the files if configured (under the startup lock), and loads the snapshot.</summary>
    public static async Task InitializeFamilyMutualAidAsync(this WebApplication app, bool importFiles = true)
    {
        ArgumentNullException.ThrowIfNull(app);
        var options = app.Services.GetRequiredService<IOptions<FamilyMutualAidOptions>>().Value;
        var contentRoot = app.Environment.ContentRootPath;
        Directory.CreateDirectory(options.Resolve(contentRoot, options.DataDirectory));
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        TimeSpan migrated = default, imported = default;

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PolicyDbContext>();
            // Instances starting together migrate and import one at a time; the later ones find it done (no change).
            await using var startupLock = await db.LockForStartupAsync(app.Lifetime.ApplicationStopping);
            // Migrate builds the model from the migrations to look for unapplied changes: only when there is something to apply.
            if ((await db.Database.GetPendingMigrationsAsync(app.Lifetime.ApplicationStopping)).Any())
            {
                await db.Database.MigrateAsync(app.Lifetime.ApplicationStopping);
            }
            migrated = System.Diagnostics.Stopwatch.GetElapsedTime(started);
            if (importFiles && options.ImportOnStartup)
            {
                var report = await scope.ServiceProvider.GetRequiredService<PolicyImporter>().ImportIfChangedAsync(
                    options.Resolve(contentRoot, options.SeedsDirectory),
                    options.Resolve(contentRoot, options.ContentDirectory),
                    app.Lifetime.ApplicationStopping);
                foreach (var problem in report.Problems)
                {
                    app.Logger.LogError("Import problem: {Problem}", problem.ToString());
                }
            }
            imported = System.Diagnostics.Stopwatch.GetElapsedTime(started);
        }
        await app.Services.GetRequiredService<PolicySnapshotProvider>().RefreshAsync();
        // Loaded now, so a broken places file stops the start instead of the first search.
        app.Services.GetRequiredService<PlaceDirectory>();
        var loaded = System.Diagnostics.Stopwatch.GetElapsedTime(started);
        app.Logger.LogInformation(
            "Initialized {Total:0} ms after the process started, {Ready:0} ms of it here (migrate {Migrate:0} ms, import {Import:0} ms, load {Load:0} ms)",
            (DateTime.Now - System.Diagnostics.Process.GetCurrentProcess().StartTime).TotalMilliseconds, loaded.TotalMilliseconds,
            migrated.TotalMilliseconds, (imported - migrated).TotalMilliseconds, (loaded - imported).TotalMilliseconds);
    }

    private static PlaceDirectory LoadPlaces(FamilyMutualAidOptions options, string contentRoot)
    {
        var (places, problems) = PlaceFile.Read(options.Resolve(contentRoot, options.SeedsDirectory));
        return problems.Count == 0
            ? places
            : throw new InvalidOperationException("The places file cannot be read:\n" + string.Join("\n", problems));
    }

    public static WebApplication UseFamilyMutualAid(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        PublicAddress.RequireConfiguredOrigin(app);
        app.UseReverseProxy();
        if (app.Environment.IsDevelopment())
        {
            app.UseDeveloperExceptionPage();
        }
        else
        {
            app.UseExceptionHandler(new ExceptionHandlerOptions
            {
                ExceptionHandlingPath = "/error",
                // The database away is not a bug: 503, and the error page says when to try again.
                StatusCodeSelector = exception => DatabaseFailure.IsUnavailable(exception)
                    ? StatusCodes.Status503ServiceUnavailable
                    : StatusCodes.Status500InternalServerError,
            });
            app.UseHttpsOnly();
        }
        app.UseSecurityHeaders();
        // The API answers errors as application/problem+json; pages get the friendly Chinese 404.
        app.UseWhen(context => context.Request.Path.StartsWithSegments("/api"), api => api.UseStatusCodePages());
        app.UseWhen(context => !context.Request.Path.StartsWithSegments("/api"), pages => pages.UseStatusCodePagesWithReExecute("/status/{0}"));
        // A line per failed or slow request; routine answers are Debug, so the default Information level writes no line per request.
        app.UseSerilogRequestLogging(options => options.GetLevel = (context, elapsedMs, error) =>
            error is not null || context.Response.StatusCode >= 500 ? LogEventLevel.Error
            : elapsedMs > 1000 ? LogEventLevel.Warning
            : LogEventLevel.Debug);
        app.UseRouting();
        app.MapSiteStaticAssets();
        app.UseRateLimiter();
        app.UsePublishedPageHeaders();
        app.UseOutputCache();
        // Inside the output cache, so that the cache keeps the compressed bytes.
        app.UseResponseEncoding();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();
        app.UseJsonRequestGuard();
        app.MapHealthChecks();
        app.MapOpenApi();
        // "~/css/site.css" in a page is written as the fingerprinted address of the manifest.
        app.MapRazorPages().WithStaticAssets();
        app.MapPolicyApi();
        app.MapEligibilityApi();
        app.MapFundUsageApi();
        app.MapPlacesApi();
        app.MapDisplayMode();
        return app;
    }
}
