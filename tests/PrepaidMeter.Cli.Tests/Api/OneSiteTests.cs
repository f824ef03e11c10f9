using Microsoft.AspNetCore.Builder;

namespace PrepaidMeter.Cli.Tests.Api;

/// <summary>
/// Test classes whose tests each set up one <see cref="ApiSite"/> first (<see cref="SetUpAccount"/>) and then call on it
/// by short names; the site goes with the test. The web tests share this file (their csproj links it).
/// </summary>
public abstract class OneSiteTests : IDisposable
{
    private ApiSite? _site;

    protected string Db => Site.Db;

    private ApiSite Site => _site ?? throw new InvalidOperationException("the test has not set up its site (SetUpAccount)");

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            _site?.Dispose();
        }
    }

    /// <summary>A site on <paramref name="store"/> with one open account (customer 1, account 1) whose card "li" is swiped.</summary>
    protected async Task SetUpAccount(string store) => _site = await ApiSite.CreateAsync(store);

    protected Task<string> AddPartner(string name) => Site.AddPartner(name);

    protected Task<(int Exit, string Out, string Err)> Vend(params string[] args) => Site.Vend(args);

    protected Task Swipe(string expected) => Site.Swipe(expected);

    protected Task<WebApplication> StartAsync() => Site.StartAsync();
}
