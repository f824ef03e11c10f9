using System.Net;
using System.Text.RegularExpressions;
using PrepaidMeter.Benchmarks.Vending;

namespace PrepaidMeter.Benchmarks.Web;

/// <summary>
/// A clerk's browser for the web console's benchmarks and load run: a cookie jar, redirects not followed (a sale's answer is
/// its redirect), signed in as the bench's administrator, every form posted with the antiforgery token its page carried.
/// </summary>
internal sealed partial class ConsoleClerk : IDisposable
{
    private readonly HttpClient _http;
    private string _token;

    private ConsoleClerk(string address)
    {
        _http = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = new Uri(address) };
        _token = Token("/signin");
    }

    /// <summary>Signs in to the console at <paramref name="address"/>; fails unless the console answers with the redirect home.</summary>
    public static ConsoleClerk SignIn(string address)
    {
        var clerk = new ConsoleClerk(address);
        using var form = clerk.Form(("Login", "admin"), ("Password", BenchSite.Password));
        using var signedIn = clerk._http.PostAsync("/signin", form).GetAwaiter().GetResult();
        if (signedIn.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException("the bench's administrator could not sign in to the console");
        }

        clerk._token = clerk.Token("/counter"); // the signed-in clerk's token, good for every form of the session
        return clerk;
    }

    public Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, params (string Name, string Value)[] fields)
    {
        var request = new HttpRequestMessage(method, path);
        if (method == HttpMethod.Post)
        {
            request.Content = Form(fields);
        }

        return _http.SendAsync(request);
    }

    public HttpResponseMessage Get(string path) => _http.GetAsync(path).GetAwaiter().GetResult();

    public void Dispose() => _http.Dispose();

    private FormUrlEncodedContent Form(params (string Name, string Value)[] fields) =>
        new([.. fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)), new("__RequestVerificationToken", _token)]);

    private string Token(string page)
    {
        var html = _http.GetStringAsync(page).GetAwaiter().GetResult();
        return AntiforgeryField().Match(html) is { Success: true } found ? found.Groups[1].Value : throw new InvalidOperationException($"no antiforgery token on {page}");
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}
