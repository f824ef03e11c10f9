namespace PrepaidMeter.Web.Console;

/// <summary>
/// The console's one style sheet, served as /console.css from here (no static-file pipeline, no build step): plain, large
/// enough for a counter screen, visible focus for keyboard use, and print rules that leave only the content.
/// </summary>
internal static class ConsoleStyle
{
    public const string Css = """
        :root { --ink: #1b1f23; --muted: #57606a; --line: #d0d7de; --accent: #0b5cad; --refused: #a40e26; --ok: #116329; --bg: #f6f8fa; }
        * { box-sizing: border-box; }
        body { margin: 0; font: 16px/1.45 "DejaVu Sans", system-ui, sans-serif; color: var(--ink); background: #fff; }
        header.bar { display: flex; gap: 1.5em; align-items: center; padding: .5em 1em; background: var(--bg); border-bottom: 1px solid var(--line); flex-wrap: wrap; }
        header.bar .brand { font-weight: bold; color: var(--ink); text-decoration: none; }
        header.bar nav { display: flex; flex-wrap: wrap; gap: .3em 1em; flex: 1; }
        header.bar nav a { white-space: nowrap; } /* a Chinese link would break between any two characters */
        header.bar form { display: flex; gap: .5em; align-items: center; margin: 0; }
        main { padding: 1em; max-width: 60em; }
        h1 { font-size: 1.4em; margin: .2em 0 .6em; }
        h2 { font-size: 1.1em; margin: 1.2em 0 .4em; }
        a { color: var(--accent); }
        :focus-visible { outline: 3px solid var(--accent); outline-offset: 2px; }
        form.stack { display: grid; gap: .5em; max-width: 24em; }
        fieldset { border: 1px solid var(--line); padding: .6em 1em; }
        label { font-weight: 600; }
        input, select, button { font: inherit; padding: .35em .5em; }
        button { background: var(--accent); color: #fff; border: 0; border-radius: 4px; cursor: pointer; }
        button.secondary { background: #fff; color: var(--accent); border: 1px solid var(--accent); }
        dl.facts { display: grid; grid-template-columns: max-content auto; gap: .2em 1em; margin: 0; }
        dl.facts dt { color: var(--muted); }
        dl.facts dd { margin: 0; font-variant-numeric: tabular-nums; }
        .panel { border: 1px solid var(--line); border-radius: 6px; padding: .8em 1em; margin: .8em 0; }
        .refused { color: var(--refused); border-left: 4px solid var(--refused); padding: .4em .8em; background: #fff5f5; }
        .pass { color: var(--ok); font-weight: 600; } .fail { color: var(--refused); font-weight: 600; }
        .next-step { border-left: 4px solid var(--accent); padding: .4em .8em; background: #f1f8ff; font-size: 1.1em; }
        .done { color: var(--ok); }
        table.list { border-collapse: collapse; width: 100%; }
        table.list th, table.list td { text-align: left; padding: .3em .6em; border-bottom: 1px solid var(--line); }
        table.list td.n { text-align: right; font-variant-numeric: tabular-nums; }
        iframe.printed { width: 100%; height: 32em; border: 1px solid var(--line); }
        .skip { position: absolute; left: -10em; }
        .skip:focus { left: 1em; top: .5em; background: #fff; padding: .3em; }
        @media print { header.bar, .no-print, form { display: none; } main { padding: 0; } }
        form.filters { display: grid; grid-template-columns: repeat(auto-fill, minmax(15em, 1fr)); gap: .6em 1em; align-items: end; }
        form.filters div { display: flex; flex-direction: column; gap: .15em; }
        form.filters small { color: var(--muted); font-size: .8em; }
        .scroll { overflow-x: auto; }
        table.list tfoot td { font-weight: bold; border-top: 2px solid var(--ink); }
        img.chart { max-width: 100%; height: auto; margin: 1em 0; }
        p.downloads { display: flex; gap: 1em; flex-wrap: wrap; }
        form.inline { display: inline-block; margin: 0 .3em 0 0; }
        form.search { display: flex; flex-wrap: wrap; gap: .4em; align-items: center; margin: .6em 0; }
        nav.tabs { display: flex; flex-wrap: wrap; gap: .4em 1em; margin: 0 0 .6em; }
        textarea { font: inherit; }
        .meter-display { display: flex; flex-wrap: wrap; gap: 1em 2em; align-items: flex-start; margin: .8em 0; }
        .lcd { font-family: "DejaVu Sans Mono", monospace; background: #b8c7a0; color: #17200f; border: 8px solid #33372f; border-radius: 10px; padding: .7em 1em; min-width: 20em; box-shadow: inset 0 0 14px rgba(0, 0, 0, .3); }
        .lcd .symbols { display: flex; flex-wrap: wrap; gap: .5em; font-size: .72em; font-weight: bold; letter-spacing: .06em; margin-bottom: .3em; }
        .lcd .symbol { border: 1px solid currentColor; border-radius: 3px; padding: 0 .35em; }
        .lcd .symbol[data-on="no"] { opacity: .15; }
        .lcd .reading { display: flex; align-items: baseline; gap: .4em; }
        .lcd .digits { font-size: 2.8em; font-variant-numeric: tabular-nums; letter-spacing: .05em; flex: 1; text-align: right; }
        .lcd .row { display: flex; justify-content: space-between; gap: 1em; font-variant-numeric: tabular-nums; }
        .token { font-family: "DejaVu Sans Mono", monospace; font-size: 1.5em; font-weight: bold; letter-spacing: .04em; white-space: nowrap; }
        ol.tokens li { margin: .3em 0; }
        .lcd .label { font-size: .72em; font-weight: bold; letter-spacing: .06em; }
        """;
}
