using System.Collections.Generic;
using System.Text;

namespace CachingGen.Balances.Tests;

/// <summary>One request the service must refuse: what it is, for the failure message, and how to send it.</summary>
public sealed record BadRequest(string Label, string Method, string Path, string? Body = null, string? ContentType = "application/json", IReadOnlyDictionary<string, string>? Headers = null)
{
    public HttpRequestMessage ToMessage()
    {
        var message = new HttpRequestMessage(new HttpMethod(Method), Path);
        if (Body is not null)
        {
            message.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(Body));
            if (ContentType is not null)
            {
                message.Content.Headers.TryAddWithoutValidation("Content-Type", ContentType);
            }
        }

        foreach (var (name, value) in Headers ?? new Dictionary<string, string>())
        {
            message.Headers.TryAddWithoutValidation(name, value);
        }

        return message;
    }
}

/// <summary>
/// Requests built to be refused, over the Balances API and the operations endpoints: ids that are not ids, bodies that
/// are not the request's JSON (malformed, mistyped, out of range, beyond a decimal's precision, huge), wrong media
/// types, and every way an operations request can lack a credential, come from another site, or carry a value its
/// parameter cannot have. None is valid by construction, so each must be a 4xx that changes nothing.
/// </summary>
public static class BadRequests
{
    private static readonly string[] s_badIds = ["0", "-1", "abc", "1.5", "1e3", "99999999999999999999", "%20", "%00", "1%2F2", "%EF%BC%91", "NaN", "0x10", new string('9', 400), "-0", "1,2", "%E2%80%8B1", "1%20", "%201", "%D9%A1", "1e", "--1", "0001x", "%2B1", "9223372036854775808"];

    // Not the JSON of any request: every endpoint with a body refuses them.
    private static readonly string[] s_malformed =
    [
        "", "{", "}", "[]", "null", "true", "\"text\"", "{\"amount\":}", "{\"amount\": 1", "{\"amount\": 1,,}", "\u0000\u0001\u0002",
        "{\"amount\": NaN}", "{\"amount\": 0x10}", "{\"usdValue\": 0x10}", string.Concat(Enumerable.Repeat("[", 5000)), "{\"a\": \"\ud800\"",
    ];

    // A credit's or a debit's amount that is not one.
    private static readonly string[] s_badAmounts =
    [
        "{\"amount\": \"abc\"}", "{\"amount\": -1}", "{\"amount\": 0}", "{\"amount\": 1e20}", "{\"amount\": 1.0000000000000000001}",
        "{\"amount\": 1.00000000000000000000000000001}", "{\"amount\": \"1.00000000000000000000000000001\"}", "{\"amount\": [1]}",
        "{\"amount\": {\"v\": 1}}", "{\"amount\": null}", "{\"amount\": \"1\u0000\"}", "{\"amount\": 99999999999999999999999999999999}",
        "{\"amount\": " + new string('1', 5000) + "}", "{\"amount\": \"" + new string('x', 100_000) + "\"}", "{\"usdValue\": 1}", "{}",
        "{\"amount\": 0.0000000000000000001}", "{\"amount\": 10000000001}",
    ];

    private static readonly string[] s_badCreates =
    [
        "{\"userId\": 1, \"tokenId\": 1, \"address\": \"\", \"amount\": 1, \"usdValue\": 1}",
        "{\"userId\": 1, \"tokenId\": 1, \"address\": \"0x\\u0000\", \"amount\": 1, \"usdValue\": 1}",
        "{\"userId\": 1, \"tokenId\": 1, \"address\": \"" + new string('a', 300) + "\", \"amount\": 1, \"usdValue\": 1}",
        "{\"userId\": 0, \"tokenId\": 1, \"address\": \"0xa\", \"amount\": 1, \"usdValue\": 1}",
        "{\"userId\": 1, \"tokenId\": 1, \"address\": \"0xa\", \"amount\": -1, \"usdValue\": 1}",
        "{\"userId\": 1, \"tokenId\": 1, \"address\": \"0xa\", \"amount\": 1, \"usdValue\": 1e16}",
        "{\"userId\": 1, \"tokenId\": 1, \"address\": \"0xa\", \"amount\": 1.00000000000000000000000000001, \"usdValue\": 1}",
        "{\"userId\": \"one\", \"tokenId\": 1, \"address\": \"0xa\", \"amount\": 1, \"usdValue\": 1}",
        "{\"userId\": 1, \"tokenId\": 1.5, \"address\": \"0xa\", \"amount\": 1, \"usdValue\": 1}",
        "{\"userId\": 1, \"tokenId\": 1, \"address\": 7, \"amount\": 1, \"usdValue\": 1}",
    ];

    private static readonly string[] s_badUpdates =
    [
        "{\"usdValue\": -3}", "{\"usdValue\": 1e16, \"autoConvertThreshold\": null}", "{\"usdValue\": 1, \"autoConvertThreshold\": -1}",
        "{\"usdValue\": \"abc\"}", "{\"usdValue\": 1.000000001}", "{\"usdValue\": 1, \"autoConvertThreshold\": 1e11}",
        "{\"usdValue\": 1, \"autoConvertThreshold\": 1.00000000000000000000000000001}", "{\"usdValue\": [], \"autoConvertThreshold\": null}",
    ];

    private static readonly string[] s_badValues = ["01", " 1", "1 ", "+1", "1*", "", "1:2", "abc", "1.0", "-0", "99999999999999999999", new string('1', 600), "１"];

    /// <summary>At least <paramref name="minimum"/> requests, in an order shuffled by <paramref name="seed"/>.</summary>
    public static IReadOnlyList<BadRequest> Generate(int seed, int minimum)
    {
        var all = new List<BadRequest>();
        foreach (var id in s_badIds)
        {
            all.Add(new($"GET balance id {Short(id)}", "GET", $"/balances/{id}"));
            all.Add(new($"GET user balances {Short(id)}", "GET", $"/users/{id}/balances"));
            all.Add(new($"GET user total {Short(id)}", "GET", $"/users/{id}/total"));
            all.Add(new($"GET user token {Short(id)}", "GET", $"/users/{id}/tokens/1/balance"));
            all.Add(new($"GET token of user {Short(id)}", "GET", $"/users/1/tokens/{id}/balance"));
            all.Add(new($"GET page user {Short(id)}", "GET", $"/users/{id}/balances/page"));
            if (id != "%2B1")
            {
                // A page size may carry a sign ("+1" is 1): only the ids refuse it.
                all.Add(new($"GET page limit {Short(id)}", "GET", $"/users/1/balances/page?limit={id}"));
            }

            all.Add(new($"DELETE {Short(id)}", "DELETE", $"/balances/{id}"));
            all.Add(new($"credit id {Short(id)}", "POST", $"/balances/{id}/credit", "{\"amount\": 1}"));
            all.Add(new($"debit id {Short(id)}", "POST", $"/balances/{id}/debit", "{\"amount\": 1}"));
            all.Add(new($"update id {Short(id)}", "PUT", $"/balances/{id}", "{\"usdValue\": 1, \"autoConvertThreshold\": null}"));
        }

        foreach (var offset in new[] { "-1", "abc", "1e3", "2147483648" })
        {
            all.Add(new($"GET page offset {offset}", "GET", $"/users/1/balances/page?offset={offset}"));
        }

        foreach (var address in new[] { "%00", "%01abc", new string('a', 300), "%20", "%E2%80%A8" })
        {
            all.Add(new($"GET address {Short(address)}", "GET", $"/addresses/{address}/balances"));
        }

        foreach (var body in s_malformed)
        {
            all.Add(new($"credit body {Short(body)}", "POST", "/balances/1/credit", body));
            all.Add(new($"debit body {Short(body)}", "POST", "/balances/1/debit", body));
            all.Add(new($"create body {Short(body)}", "POST", "/balances", body));
            all.Add(new($"update body {Short(body)}", "PUT", "/balances/1", body));
        }

        foreach (var body in s_badAmounts)
        {
            all.Add(new($"credit {Short(body)}", "POST", "/balances/1/credit", body));
            all.Add(new($"debit {Short(body)}", "POST", "/balances/2/debit", body));
        }

        all.AddRange(s_badCreates.Select(body => new BadRequest($"create {Short(body)}", "POST", "/balances", body)));
        all.AddRange(s_badUpdates.Select(body => new BadRequest($"update {Short(body)}", "PUT", "/balances/3", body)));

        foreach (var type in new[] { "text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/xml" })
        {
            all.Add(new($"credit as {type}", "POST", "/balances/1/credit", "amount=1", type));
            all.Add(new($"create as {type}", "POST", "/balances", "userId=1&tokenId=1&address=x&amount=1&usdValue=1", type));
        }

        AddOperations(all);
        var random = new Random(seed);
        var shuffled = all.OrderBy(_ => random.Next()).ToList();
        if (shuffled.Count < minimum)
        {
            throw new InvalidOperationException($"only {shuffled.Count} bad requests were generated, fewer than {minimum}");
        }

        return shuffled;
    }

    private static void AddOperations(List<BadRequest> all)
    {
        var good = Basic(global::Balances.BalancesSettings.DevelopmentOperatorPassword);
        var credentials = new Dictionary<string, string?>
        {
            ["no credentials"] = null,
            ["wrong password"] = Basic("wrong"),
            ["another user"] = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("admin:" + global::Balances.BalancesSettings.DevelopmentOperatorPassword)),
            ["not base64"] = "Basic !!!not-base64!!!",
            ["no colon"] = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("ops")),
            ["bearer"] = "Bearer abc",
            ["huge"] = "Basic " + new string('A', 4000),
        };
        foreach (var (label, authorization) in credentials)
        {
            foreach (var path in new[] { "/cachinggen", "/cachinggen/map.json", "/cachinggen/stats.json", "/cachinggen/manifest.json" })
            {
                all.Add(new($"ops GET {path} with {label}", "GET", path, Headers: Headers(authorization)));
            }

            all.Add(new($"ops clear with {label}", "POST", "/cachinggen/clear", "{}", Headers: Headers(authorization, ("X-CachingGen-Action", "clear"))));
            all.Add(new($"ops invalidate with {label}", "POST", "/cachinggen/invalidate", "{\"method\": \"Balances.Data.BalanceRepository.FindByIdAsync\", \"values\": {\"id\": \"1\"}}", Headers: Headers(authorization, ("X-CachingGen-Action", "invalidate"))));
        }

        // With the operator's credentials: what another site's page or a careless client could send.
        foreach (var action in new[] { "clear", "invalidate" })
        {
            var body = action == "clear" ? "{}" : "{\"method\": \"Balances.Data.BalanceRepository.FindByIdAsync\", \"values\": {\"id\": \"1\"}}";
            all.Add(new($"{action} as a form", "POST", $"/cachinggen/{action}", "a=1", "application/x-www-form-urlencoded", Headers(good)));
            all.Add(new($"{action} as text", "POST", $"/cachinggen/{action}", body, "text/plain", Headers(good)));
            all.Add(new($"{action} without the header", "POST", $"/cachinggen/{action}", body, Headers: Headers(good)));
            all.Add(new($"{action} with the other action's header", "POST", $"/cachinggen/{action}", body, Headers: Headers(good, ("X-CachingGen-Action", action == "clear" ? "invalidate" : "clear"))));
            foreach (var (name, value) in new[] { ("Origin", "https://evil.example"), ("Origin", "null"), ("Sec-Fetch-Site", "cross-site"), ("Sec-Fetch-Site", "same-site") })
            {
                all.Add(new($"{action} with {name}: {value}", "POST", $"/cachinggen/{action}", body, Headers: Headers(good, ("X-CachingGen-Action", action), (name, value))));
            }

            foreach (var bad in new[] { "", "{", "[]", "null", "\"x\"", new string('{', 3000), "{\"a\": \"" + new string('x', 40_000) + "\"}" })
            {
                all.Add(new($"{action} body {Short(bad)}", "POST", $"/cachinggen/{action}", bad, Headers: Headers(good, ("X-CachingGen-Action", action))));
            }
        }

        foreach (var value in s_badValues)
        {
            foreach (var method in new[] { "FindByIdAsync", "FindByUserIdAsync", "TotalBalanceByUserAsync" })
            {
                var placeholder = method == "FindByIdAsync" ? "id" : "userId";
                all.Add(new($"invalidate {method} {Short(value)}", "POST", "/cachinggen/invalidate", $"{{\"method\": \"Balances.Data.BalanceRepository.{method}\", \"values\": {{\"{placeholder}\": {System.Text.Json.JsonSerializer.Serialize(value)}}}}}", Headers: Headers(good, ("X-CachingGen-Action", "invalidate"))));
            }
        }

        foreach (var payload in new[]
        {
            "{\"method\": \"Balances.Data.BalanceRepository.NoSuchMethod\", \"values\": {\"id\": \"1\"}}",
            "{\"method\": \"Balances.Data.BalanceRepository.FindByIdAsync\", \"values\": {}}",
            "{\"method\": \"Balances.Data.BalanceRepository.FindByIdAsync\", \"values\": {\"id\": \"1\", \"x\": \"2\"}}",
            "{\"method\": \"Balances.Data.BalanceRepository.FindByIdAsync\", \"values\": {\"id\": 1}}",
            "{\"method\": \"Balances.Data.BalanceRepository.FindByIdAsync\", \"values\": {\"id\": null}}",
            "{\"method\": \"Balances.Data.BalanceRepository.FindByIdAsync\", \"template\": \"balance:<id>\", \"values\": {\"id\": \"1\"}}",
            "{\"template\": \"balance:*\", \"values\": {}}",
            "{\"template\": \"*\"}",
            "{\"key\": \"balance:1\"}",
            "{\"method\": " + new string('"', 1) + new string('M', 20_000) + "\"}",
        })
        {
            all.Add(new($"invalidate payload {Short(payload)}", "POST", "/cachinggen/invalidate", payload, Headers: Headers(good, ("X-CachingGen-Action", "invalidate"))));
        }
    }

    private static string Basic(string password) => "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("ops:" + password));

    private static Dictionary<string, string> Headers(string? authorization, params (string Name, string Value)[] more)
    {
        var headers = more.ToDictionary(h => h.Name, h => h.Value);
        if (authorization is not null)
        {
            headers["Authorization"] = authorization;
        }

        return headers;
    }

    private static string Short(string text) => text.Length > 30 ? text[..30] + $"…({text.Length})" : text;
}
