using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using PrepaidMeter.Cards.Readers;
using PrepaidMeter.Cli.Tests;
using PrepaidMeter.Cli.Tests.Api;
using PrepaidMeter.Web.Console;

namespace PrepaidMeter.Web.Tests.Console;

/// <summary>
/// The web console over real HTTP on 127.0.0.1 and a free port, on the payment API's test books (customer 1 "Li Wei", account 1,
/// card "li" swiped after 10 kWh at 0.50 a kWh), with the card folder's "li" in the counter's reader.
/// </summary>
internal sealed partial class ConsoleSite : IAsyncDisposable
{
    public const string AdminPassword = "admin-pass-1";

    private ConsoleSite(ApiSite books, WebApplication app)
    {
        Books = books;
        App = app;
    }

    public ApiSite Books { get; }

    public WebApplication App { get; }

    public Uri Address => new(App.Urls.Single());

    public static Task<ConsoleSite> StartAsync(string store = "sqlite") => StartAsync(store, LiInTheFolder);

    /// <summary>The console on SQLite with the card folder's "li" in its reader, its other options as <paramref name="configure"/> sets them.</summary>
    public static Task<ConsoleSite> StartAsync(Func<WebConsoleOptions, WebConsoleOptions> configure) => StartAsync("sqlite", LiInTheFolder, configure);

    /// <summary>The console with the card folder's "li" in its reader, showing the meters in <paramref name="meters"/> (`--meters`).</summary>
    public static Task<ConsoleSite> StartWithMetersAsync(params string[] meters) => StartAsync(options => options with { Meters = meters });

    /// <summary>The counter's reader of most tests: a folder reader on the books' card folder with customer 1's card "li" in it.</summary>
    public static (ICardReader Reader, string Name) LiInTheFolder(ApiSite books)
    {
        var reader = new FolderCardReader(books.CardFolder);
        reader.Insert("li").ShouldBeNull();
        return (reader, "folder:cards");
    }

    /// <summary>
    /// The console on <paramref name="store"/>'s books with the reader <paramref name="counterReader"/> opens on them (its name as
    /// the page shows it), its other options as <paramref name="configure"/> sets them (a second reader, meter folders).
    /// </summary>
    public static async Task<ConsoleSite> StartAsync(string store, Func<ApiSite, (ICardReader Reader, string Name)> counterReader, Func<WebConsoleOptions, WebConsoleOptions>? configure = null)
    {
        var books = await ApiSite.CreateAsync(store);
        var (reader, name) = counterReader(books);
        var options = new WebConsoleOptions(KeyFolder.Office(books.Db), "127.0.0.1:0", reader, name);
        var app = WebConsole.Build(configure is null ? options : configure(options));
        await app.StartAsync();
        return new ConsoleSite(books, app);
    }

    /// <summary>A clerk's browser without script: a cookie jar, redirects followed unless <paramref name="follow"/> is false.</summary>
    public Clerk NewClerk(bool follow = true) => new(new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = follow }) { BaseAddress = Address });

    public async ValueTask DisposeAsync()
    {
        await App.DisposeAsync();
        Books.Dispose();
    }

    /// <summary>One browser session: pages fetched, forms posted with the token the page's form carried.</summary>
    public sealed partial class Clerk(HttpClient http) : IDisposable
    {
        public HttpClient Http => http;

        public async Task<Page> Get(string path)
        {
            using var response = await http.GetAsync(path);
            return await Page.Of(response);
        }

        /// <summary>Posts <paramref name="fields"/> to <paramref name="path"/> with the antiforgery token of the form on <paramref name="formPage"/> (null: none).</summary>
        public async Task<Page> Post(string path, string? formPage, params (string Name, string Value)[] fields)
        {
            var all = fields.ToList();
            if (formPage is not null)
            {
                var page = await Get(formPage);
                all.Add(("__RequestVerificationToken", page.Token()));
            }

            using var content = new FormUrlEncodedContent(all.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)));
            using var response = await http.PostAsync(path, content);
            return await Page.Of(response);
        }

        public Task<Page> SignIn(string login, string password) => Post("/signin", "/signin", ("Login", login), ("Password", password));

        public Task<Page> Quote(string unit, string amount) => Post("/counter?handler=Quote", "/counter", ("Unit", unit), ("Amount", amount));

        /// <summary>Prices the sale, then confirms what the quote showed (its hidden fields), as the page's two buttons do; the quote's page when it was refused.</summary>
        public async Task<Page> Sell(string unit, string amount)
        {
            var quote = await Quote(unit, amount);
            if (quote.Hidden("QuotedAccount") is not { } account)
            {
                return quote;
            }

            return await Confirm(quote, unit, amount, account);
        }

        /// <summary>Posts the confirmation of <paramref name="quote"/>'s sale, with <paramref name="account"/> as the account it names.</summary>
        public async Task<Page> Confirm(Page quote, string unit, string amount, string account)
        {
            using var content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["Unit"] = unit, ["Amount"] = amount, ["QuotedAccount"] = account,
                ["QuotedCredit"] = quote.Hidden("QuotedCredit")!, ["QuotedMoney"] = quote.Hidden("QuotedMoney")!, ["__RequestVerificationToken"] = quote.Token(),
            });
            using var response = await http.PostAsync("/counter?handler=Sell", content);
            return await Page.Of(response);
        }

        public void Dispose() => http.Dispose();
    }

    /// <summary>An answer as the test reads it: status, where it ended after redirects, headers and the HTML.</summary>
    public sealed partial record Page(HttpStatusCode Status, Uri? At, HttpResponseMessage Response, string Html)
    {
        public static async Task<Page> Of(HttpResponseMessage response) =>
            new(response.StatusCode, response.RequestMessage?.RequestUri, response, await response.Content.ReadAsStringAsync());

        public string Header(string name) =>
            Response.Headers.TryGetValues(name, out var values) || Response.Content.Headers.TryGetValues(name, out values) ? string.Join(", ", values) : "";

        /// <summary>The HTML's text with tags dropped and entities decoded, spaces folded: what a reader of the page sees.</summary>
        public string Text => Spaces().Replace(WebUtility.HtmlDecode(Tags().Replace(Html, " ")), " ");

        /// <summary>The value of the hidden field <paramref name="name"/>; null when the page has none.</summary>
        public string? Hidden(string name) =>
            Regex.Match(Html, $"<input type=\"hidden\" name=\"{Regex.Escape(name)}\" value=\"([^\"]*)\"") is { Success: true } found ? WebUtility.HtmlDecode(found.Groups[1].Value) : null;

        /// <summary>The refusal the page shows (its role="alert" paragraph), decoded; null when it shows none.</summary>
        public string? Refusal =>
            Regex.Match(Html, "<p class=\"refused\" role=\"alert\"[^>]*>(.*?)</p>", RegexOptions.Singleline) is { Success: true } found ? WebUtility.HtmlDecode(found.Groups[1].Value) : null;

        public string Token() => AntiforgeryField().Match(Html) is { Success: true } found
            ? found.Groups[1].Value
            : throw new InvalidOperationException($"no antiforgery token on the page at {At}: {Html}");

        [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
        private static partial Regex AntiforgeryField();

        [GeneratedRegex("<[^>]+>")]
        private static partial Regex Tags();

        [GeneratedRegex(@"\s+")]
        private static partial Regex Spaces();
    }
}
