using System.Globalization;
using System.IO;
using System.Linq;
using Microsoft.Playwright;

namespace CachingGen.AspNetCore.Tests;

/// <summary>
/// The cache map page in a real headless browser (Debian's Chromium through Playwright; nothing downloaded): it loads for
/// an operator, draws every method with a line from each write to the reads it invalidates, and its numbers are the
/// JSON's.
/// </summary>
public sealed class CacheMapPageTests(OperationsHost host) : IClassFixture<OperationsHost>
{
    [Fact]
    public async Task The_page_shows_every_method_and_its_numbers_match_the_json()
    {
        for (var i = 0; i < 5; i++)
        {
            await host.Cached.GetAsync(i % 2);
        }

        await host.Cached.ListAsync("books");
        await host.Cached.SaveAsync(1, "books");

        using var client = host.Client();
        var json = JsonDocument.Parse(await client.GetStringAsync("/ops/cache/map.json")).RootElement.EnumerateArray().ToList();

        await using var browser = await OperatorBrowser.OpenAsync();
        var page = browser.Page;
        var response = await page.GotoAsync(new Uri(host.Address, "/ops/cache").ToString());
        Assert.NotNull(response);
        Assert.Equal(200, response.Status);
        Assert.Equal("CachingGen cache map", await page.TitleAsync());

        foreach (var method in json)
        {
            var name = method.GetProperty("method").GetString()!;
            var statistics = method.GetProperty("statistics");
            var row = page.Locator($"tr[data-method='{name}']");
            Assert.Equal(1, await row.CountAsync());
            Assert.Equal(statistics.GetProperty("hits").GetInt64().ToString(CultureInfo.InvariantCulture), await row.Locator("[data-field=hits]").InnerTextAsync());
            Assert.Equal(statistics.GetProperty("misses").GetInt64().ToString(CultureInfo.InvariantCulture), await row.Locator("[data-field=misses]").InnerTextAsync());
            Assert.Equal(statistics.GetProperty("invalidations").GetInt64().ToString(CultureInfo.InvariantCulture), await row.Locator("[data-field=invalidations]").InnerTextAsync());
            Assert.Equal(1, await page.Locator($"svg g[data-method='{name}']").CountAsync());
            if (method.GetProperty("kind").GetString() == "cached")
            {
                var hits = statistics.GetProperty("hits").GetInt64();
                var misses = statistics.GetProperty("misses").GetInt64();
                var ratio = hits + misses == 0 ? 0 : (double)hits / (hits + misses);
                Assert.Equal((ratio * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%", await page.Locator($"svg g[data-method='{name}'] [data-field=hit-ratio]").TextContentAsync());
            }
            else
            {
                foreach (var target in method.GetProperty("related").EnumerateArray())
                {
                    Assert.Equal(1, await page.Locator($"svg line[data-from='{name}'][data-to='{target.GetString()}']").CountAsync());
                }
            }
        }

        // It renders: a screenshot of the whole page is a real image, wider than the drawing.
        var screenshot = await page.ScreenshotAsync(new PageScreenshotOptions { FullPage = true, Path = Path.Combine(AppContext.BaseDirectory, "cache-map.png") });
        Assert.True(screenshot.Length > 10_000, $"the screenshot has only {screenshot.Length} bytes");
    }
}
