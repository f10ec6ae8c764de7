using Microsoft.Playwright;

namespace CachingGen.AspNetCore.Tests;

/// <summary>The cache map page on a 1,440 px screen: nothing overflows its box or the window, and counts read as English.</summary>
public sealed class CacheMapLayoutTests(OperationsHost host) : IClassFixture<OperationsHost>
{
    [Fact]
    public async Task At_1440_px_every_line_fits_its_box_the_table_fits_the_window_and_one_is_singular()
    {
        await host.Cache.ClearAsync();
        await host.Cached.GetAsync(5);
        await host.Cached.GetAsync(5);                     // one miss, one hit
        await host.Cached.ListAsync("long-policies");

        await using var browser = await OperatorBrowser.OpenAsync(1440, 900);
        var page = browser.Page;
        var response = await page.GotoAsync(new Uri(host.Address, "/ops/cache").ToString());
        Assert.Equal(200, response!.Status);

        var overflowing = await page.EvaluateAsync<string[]>("""
            () => [...document.querySelectorAll('svg g')].flatMap(g => {
              const box = g.querySelector('rect').getBoundingClientRect();
              return [...g.querySelectorAll('text')]
                .filter(t => t.getBoundingClientRect().right > box.right - 2 || t.getBoundingClientRect().bottom > box.bottom)
                .map(t => g.dataset.method + ': ' + t.textContent);
            })
            """);
        Assert.Empty(overflowing);
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), "the page scrolls sideways at 1,440 px");
        var related = await page.EvaluateAsync<double>("() => Math.max(...[...document.querySelectorAll('tr > :last-child')].map(c => c.getBoundingClientRect().right))");
        Assert.True(related <= 1440, $"the related column ends at {related} px");

        var text = await page.Locator("svg").TextContentAsync() ?? string.Empty;
        Assert.Contains("1 hit, 1 miss", text, StringComparison.Ordinal);
        Assert.DoesNotContain("1 hits", text, StringComparison.Ordinal);
        Assert.Contains("local TTL 00:00:30", text, StringComparison.Ordinal);   // the last policy is shown, on a line of its own
    }
}
