using System.Globalization;
using PrepaidMeter.Cli;

// Every thread of the process formats invariantly unless it says otherwise (the payment API's and the web console's request
// threads among them; the console's request localisation sets each page's culture), whatever the user's LANG: docs/web.md, "Languages".
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.DefaultThreadCurrentUICulture = CultureInfo.InvariantCulture;
return await PrepaidApp.RunAsync(args, Console.Out, Console.Error);
