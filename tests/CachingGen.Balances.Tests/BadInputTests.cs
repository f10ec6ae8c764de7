using System.Text;
using System.Text.Json;
using Balances.Data;

namespace CachingGen.Balances.Tests;

/// <summary>
/// Each input that used to be a 500, a bare "Bad Request" or .NET exception text: now a problem+json 4xx whose
/// errors name the field and the rule. The inputs do not change the seeded data, except where a test says so.
/// </summary>
public sealed class BadInputTests(BalancesApi api) : IClassFixture<BalancesApi>
{
    // What must never reach a client: exception types and messages, serializer positions, stack frames.
    private static readonly string[] s_leaks = ["Exception", "Actual value", "System.", "Npgsql", "LineNumber", "Path:", "   at "];

    [Fact]
    public async Task Create_with_an_unknown_token_is_a_400_naming_tokenId()
        => await AssertProblemAsync(
            await SendAsync("POST", "/balances", """{"userId": 1, "tokenId": 999, "address": "0xunknown-token", "amount": 1, "usdValue": 1}"""),
            HttpStatusCode.BadRequest, "tokenId", "does not name an existing token");

    [Fact]
    public async Task Create_with_an_amount_of_1e20_is_a_400_naming_the_amount_limit()
        => await AssertProblemAsync(
            await SendAsync("POST", "/balances", """{"userId": 1, "tokenId": 1, "address": "0xbig", "amount": 1e20, "usdValue": 1}"""),
            HttpStatusCode.BadRequest, "amount", "from 0 to 10^10, with at most 18 decimal places");

    [Fact]
    public async Task Credit_of_twenty_nines_is_a_400_naming_the_amount_limit()
        => await AssertProblemAsync(
            await SendAsync("POST", "/balances/1/credit", """{"amount": 99999999999999999999}"""),
            HttpStatusCode.BadRequest, "amount", "greater than 0 and at most 10^10");

    [Theory]
    [InlineData("1.00000000000000000000000000001")]
    [InlineData("\"1.00000000000000000000000000001\"")]
    [InlineData("100000000000000000000000000001e-30")]
    public async Task A_credit_with_more_digits_than_a_decimal_holds_is_a_400_not_a_rounded_credit(string amount)
    {
        var before = await api.Database.AmountAsync(12);
        await AssertProblemAsync(
            await SendAsync("POST", "/balances/12/credit", $$"""{"amount": {{amount}}}"""),
            HttpStatusCode.BadRequest, "amount", "with at most 18 decimal places");
        Assert.Equal(before, await api.Database.AmountAsync(12));
    }

    [Fact]
    public async Task Update_with_a_threshold_of_1e21_is_a_400_naming_autoConvertThreshold()
        => await AssertProblemAsync(
            await SendAsync("PUT", "/balances/1", """{"usdValue": 1, "autoConvertThreshold": 1e21}"""),
            HttpStatusCode.BadRequest, "autoConvertThreshold", "from 0 to 10^10");

    [Fact]
    public async Task Update_with_a_negative_usdValue_is_a_400_naming_usdValue()
        => await AssertProblemAsync(
            await SendAsync("PUT", "/balances/1", """{"usdValue": -3, "autoConvertThreshold": null}"""),
            HttpStatusCode.BadRequest, "usdValue", "from 0 to 10^15, with at most 8 decimal places");

    [Fact]
    public async Task Create_with_a_nul_character_in_the_address_is_a_400_naming_address()
        => await AssertProblemAsync(
            await SendAsync("POST", "/balances", """{"userId": 1, "tokenId": 1, "address": "0x\u0000ab", "amount": 1, "usdValue": 1}"""),
            HttpStatusCode.BadRequest, "address", "must not contain control characters");

    [Fact]
    public async Task Create_with_an_8000_character_address_is_a_400_naming_its_length()
        => await AssertProblemAsync(
            await SendAsync("POST", "/balances", $$"""{"userId": 1, "tokenId": 1, "address": "{{new string('a', 8000)}}", "amount": 1, "usdValue": 1}"""),
            HttpStatusCode.BadRequest, "address", "must be 1 to 256 characters long");

    [Fact]
    public async Task Malformed_json_is_a_400_naming_the_request_body()
        => await AssertProblemAsync(
            await SendAsync("POST", "/balances/1/credit", "not json"),
            HttpStatusCode.BadRequest, "body", "must be a JSON object");

    [Fact]
    public async Task A_missing_body_is_a_400_naming_the_request_body()
        => await AssertProblemAsync(
            await SendAsync("POST", "/balances/1/credit", null),
            HttpStatusCode.BadRequest, "body", "is required");

    [Fact]
    public async Task A_json_array_instead_of_an_object_is_a_400_naming_the_request_body()
        => await AssertProblemAsync(
            await SendAsync("POST", "/balances/1/debit", "[1, 2]"),
            HttpStatusCode.BadRequest, "body", "must be a JSON object");

    [Fact]
    public async Task An_amount_of_abc_is_a_400_naming_amount_and_its_rule()
        => await AssertProblemAsync(
            await SendAsync("POST", "/balances/1/credit", """{"amount": "abc"}"""),
            HttpStatusCode.BadRequest, "amount", "must be a number greater than 0");

    [Fact]
    public async Task A_negative_amount_names_the_rule_not_the_exception_text()
        => await AssertProblemAsync(
            await SendAsync("POST", "/balances/1/debit", """{"amount": -5}"""),
            HttpStatusCode.BadRequest, "amount", "must be a number greater than 0");

    [Fact]
    public async Task A_negative_offset_blames_offset_not_limit()
    {
        var body = await AssertProblemAsync(
            await SendAsync("GET", "/users/1/balances/page?offset=-1", null),
            HttpStatusCode.BadRequest, "offset", "from 0 to 2147483647");

        Assert.False(body.GetProperty("errors").TryGetProperty("limit", out _), body.ToString());
    }

    [Fact]
    public async Task A_credit_below_the_columns_scale_is_a_400_and_changes_nothing()
    {
        var before = await api.Database.AmountAsync(11);

        await AssertProblemAsync(
            await SendAsync("POST", "/balances/11/credit", """{"amount": 0.0000000000000000001}"""),
            HttpStatusCode.BadRequest, "amount", "must be at least 0.000000000000000001");

        Assert.Equal(before, await api.Database.AmountAsync(11));
    }

    [Fact]
    public async Task A_debit_above_the_balance_is_a_409_naming_amount()
        => await AssertProblemAsync(
            await SendAsync("POST", "/balances/12/debit", """{"amount": 9999999}"""),
            HttpStatusCode.Conflict, "amount", "must not exceed the balance");

    [Fact]
    public async Task A_balance_at_its_largest_reads_back_and_one_more_credit_is_a_409()
    {
        // Up to 10^10 - 10^-18: 28 significant digits, the most a decimal holds; the read-back proves it is readable.
        var largest = BalanceLimits.MaxAmount - BalanceLimits.SmallestAmount;
        var missing = largest - await api.Database.AmountAsync(13);
        using (var fill = await SendAsync("POST", "/balances/13/credit", "{\"amount\": " + missing.ToString(System.Globalization.CultureInfo.InvariantCulture) + "}"))
        {
            Assert.Equal(HttpStatusCode.OK, fill.StatusCode);
        }

        await AssertProblemAsync(
            await SendAsync("POST", "/balances/13/credit", """{"amount": 0.000000000000000002}"""),
            HttpStatusCode.Conflict, "amount", "must not take the balance above 10^10");

        using var read = await SendAsync("GET", "/balances/13", null);
        using var balance = JsonDocument.Parse(await read.Content.ReadAsStringAsync());
        Assert.Equal(largest, balance.RootElement.GetProperty("amount").GetDecimal());
        Assert.Equal(largest, await api.Database.AmountAsync(13));
    }

    private async Task<HttpResponseMessage> SendAsync(string method, string path, string? body)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        return await api.Http.SendAsync(request);
    }

    /// <summary>Asserts status, problem+json, the field's rule in <c>errors</c>, and no exception text; returns the body.</summary>
    private static async Task<JsonElement> AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string field, string rule)
    {
        using (response)
        {
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(status == response.StatusCode, $"expected {(int)status}, got {(int)response.StatusCode}: {text}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            using var document = JsonDocument.Parse(text);
            var body = document.RootElement.Clone();
            Assert.True(body.TryGetProperty("errors", out var errors), "no errors: " + text);
            Assert.True(errors.TryGetProperty(field, out var rules), $"no errors.{field}: {text}");
            Assert.Contains(rules.EnumerateArray(), r => r.GetString()!.Contains(rule, StringComparison.Ordinal));
            Assert.All(s_leaks, leak => Assert.DoesNotContain(leak, text, StringComparison.Ordinal));
            return body;
        }
    }
}
