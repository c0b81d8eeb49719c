using Hangfire;
using Hangfire.PostgreSql;
using Hangfire.Redis.StackExchange;
using Ioc.Dashboard.Api;
using Ioc.Time;

namespace Ioc.Dashboard.Jobs;

/// <summary>
/// Hangfire: in memory in the embedded default; durable in Redis or PostgreSQL when a cluster
/// database is configured, so several Dashboard processes share one schedule and each job runs
/// once. Its dashboard is at /jobs for admins.
/// </summary>
public static class IocJobs
{
    public const string DashboardPath = "/jobs";

    public static IServiceCollection AddIocJobs(this IServiceCollection services, IConfiguration config)
    {
        services.AddOptions<JobOptions>().Bind(config.GetSection(JobOptions.Section));
        services.AddSingleton<ReportStore>();
        services.AddTransient<ServiceIndexJob>();
        services.AddTransient<EscalationJob>();
        services.AddTransient<OverdueSweepJob>();
        services.AddTransient<DayCloseJob>();
        services.AddTransient<DailyReportJob>();
        var options = config.GetSection(JobOptions.Section).Get<JobOptions>() ?? new JobOptions();
        if (!options.Enabled) return services;

        var redis = options.Redis ?? config["Ioc:Cluster:Redis"];
        services.AddHangfire(c =>
        {
            c.SetDataCompatibilityLevel(CompatibilityLevel.Version_180).UseSimpleAssemblyNameTypeSerializer().UseRecommendedSerializerSettings();
            if (!string.IsNullOrWhiteSpace(options.Postgres))
                c.UsePostgreSqlStorage(o => o.UseNpgsqlConnection(options.Postgres));
            else if (!string.IsNullOrWhiteSpace(redis))
                c.UseRedisStorage(redis, new RedisStorageOptions { Prefix = "ioc:hangfire:" });
            else
                c.UseInMemoryStorage();
        });
        // Jobs are short fan-outs to grains: two workers are plenty on a 2-core machine.
        services.AddHangfireServer(o => o.WorkerCount = 2);
        return services;
    }

    public static WebApplication MapIocJobs(this WebApplication app)
    {
        var options = app.Configuration.GetSection(JobOptions.Section).Get<JobOptions>() ?? new JobOptions();
        if (!options.Enabled) return app;
        // Admins only, through the app's own sign-in (the endpoint policy), not Hangfire's local-only default.
        app.MapHangfireDashboard(DashboardPath, new DashboardOptions { Authorization = [], DashboardTitle = "Hanoi IOC jobs", AppPath = "/" })
            .RequireAuthorization(AdminEndpoints.AdminPolicy);

        var jobs = app.Services.GetRequiredService<IRecurringJobManager>();
        var hanoi = new RecurringJobOptions { TimeZone = HanoiTime.Zone };
        jobs.AddOrUpdate<ServiceIndexJob>("service-index", j => j.Run(), "*/15 * * * *", hanoi);
        jobs.AddOrUpdate<EscalationJob>("escalation", j => j.Run(), Cron.Minutely(), hanoi);
        jobs.AddOrUpdate<OverdueSweepJob>("overdue-sweep", j => j.Run(), Cron.Minutely(), hanoi);
        jobs.AddOrUpdate<DayCloseJob>("day-close", j => j.Run(), Cron.Daily(0, 0), hanoi);
        jobs.AddOrUpdate<DailyReportJob>("daily-report", j => j.Run(), options.DailyReportCron, hanoi);
        return app;
    }
}
