using Microsoft.Playwright;

namespace CachingGen.AspNetCore.Tests;

/// <summary>Debian's Chromium through Playwright (nothing downloaded), signed in as the operator, at a given window width.</summary>
public sealed class OperatorBrowser : IAsyncDisposable
{
    private readonly IPlaywright _playwright;
    private readonly IBrowser _browser;

    private OperatorBrowser(IPlaywright playwright, IBrowser browser, IPage page)
    {
        _playwright = playwright;
        _browser = browser;
        Page = page;
    }

    public IPage Page { get; }

    public static async Task<OperatorBrowser> OpenAsync(int width = 1280, int height = 720)
    {
        var chromium = Environment.GetEnvironmentVariable("CACHINGGEN_CHROMIUM");
        Assert.False(string.IsNullOrWhiteSpace(chromium), "CACHINGGEN_CHROMIUM is not set: it must name a Chromium binary (eng/test.sh installs Debian's chromium and sets it).");
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = chromium, Headless = true, Args = ["--no-sandbox"] });
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = width, Height = height },
            ExtraHTTPHeaders = new Dictionary<string, string> { [OperationsHost.UserHeader] = "alice/ops" },
        });
        return new OperatorBrowser(playwright, browser, await context.NewPageAsync());
    }

    public async ValueTask DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
    }
}
