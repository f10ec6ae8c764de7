namespace CachingGen.Generator.Emit;

/// <summary>
/// The steps of a cached call that the decorator and the interceptors' bodies write alike: build the key, return a
/// hit, and the miss path's load expression. Each caller supplies where the cache and the real call come from.
/// </summary>
internal static class CacheAsideSteps
{
    private const string ValueTask = "global::System.Threading.Tasks.ValueTask";
    private const string Infrastructure = "global::CachingGen.Infrastructure";

    /// <summary>
    /// The arguments that pass <paramref name="parameters"/> on to the real method, with the first
    /// <c>CancellationToken</c> replaced by <paramref name="replaceToken"/> when given (the shared load's token).
    /// </summary>
    public static string Arguments(EquatableArray<ParameterModel> parameters, string? replaceToken = null)
    {
        var replaced = false;
        return string.Join(", ", parameters.Select(p =>
        {
            if (replaceToken is not null && p.IsCancellationToken && !replaced)
            {
                replaced = true;
                return replaceToken;
            }

            var refKind = p.RefKind == "ref readonly " ? "in " : p.RefKind;
            return refKind + p.Name;
        }));
    }

    /// <summary>Writes "build the key on the stack" and "hit: return the cached value", numbered from <paramref name="step"/>.</summary>
    /// <param name="appendCall">The key builder's append method, called as <c>appendCall(ref key, roots…)</c>.</param>
    /// <param name="rootArguments">", a, b": the arguments that feed the key builder.</param>
    /// <param name="callee">What a hit does not call, for the comment ("repository", "method").</param>
    /// <param name="refreshCall">
    /// With refresh-ahead: the call of the refresh method, given the key text as <c>{0}</c> (see <see cref="Refresh"/>);
    /// it runs only when the entry is due, so the hit path stays free of closures.
    /// </param>
    public static void KeyAndHit(SourceWriter writer, int step, MethodModel method, string cache, string key, string entry, string descriptor, string appendCall, string rootArguments, string callee, string? refreshCall = null)
    {
        var cached = method.Cached!;
        var byValue = !RefreshesAhead(method) ? HitValue.Of(cached.Key, rootArguments) : null;
        var declareEntry = "var ";
        if (byValue is not null)
        {
            writer.Line($"// A repeat hit of the same {byValue.Names}: the entry found last, while the store still serves it (no key built).");
            writer.Open($"if ({Infrastructure}.CacheOperations.TryGetLocalByValue<{cached.ResultType}>({cache}, {descriptor}{byValue.Arguments}, out var {entry}))");
            writer.Line(ReturnHit(method, entry));
            writer.Close();
            writer.Line();
            declareEntry = string.Empty;
        }

        writer.Line($"// {step}. Build the key on the stack.");
        writer.Line($"var {key} = new global::CachingGen.Infrastructure.CacheKeyBuilder(stackalloc char[{KeyBuilderEmitter.BufferSize(cached.Key)}]);");
        writer.Line($"{appendCall}(ref {key}{rootArguments});");
        writer.Line();
        writer.Line($"// {step + 1}. Hit: return the cached value without calling the {callee}.");
        var value = byValue?.Arguments ?? string.Empty;
        writer.Open($"if ({Infrastructure}.CacheOperations.TryGetLocal<{cached.ResultType}>({cache}, {key}.AsSpan(), {descriptor}{value}, out {declareEntry}{entry}))");
        if (refreshCall is null || cached.Policy is not { RefreshAhead: > 0 } policy)
        {
            writer.Line($"{key}.Dispose();");
        }
        else
        {
            writer.Open($"if ({entry}.RefreshDue)");
            writer.Line($"// Past {policy.RefreshAhead.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture)} of its TTL (RefreshAhead): one background reload; this caller still gets the cached value.");
            writer.Line(string.Format(System.Globalization.CultureInfo.InvariantCulture, refreshCall, $"{key}.ToStringAndDispose()") + ";");
            writer.Close();
            writer.Open("else");
            writer.Line($"{key}.Dispose();");
            writer.Close();
            writer.Line();
        }

        writer.Line(ReturnHit(method, entry));
        writer.Close();
        writer.Line();
    }

    private static string ReturnHit(MethodModel method, string entry) => method.ReturnKind switch
    {
        ReturnKind.TaskOfT => $"return {entry}.AsTask();",
        ReturnKind.ValueTaskOfT => $"return new {ValueTask}<{method.Cached!.ResultType}>({entry}.Value);",
        _ => $"return {entry}.Value;",
    };

    /// <summary>Whether the method's hit path starts refresh-ahead reloads (and so needs a refresh method).</summary>
    public static bool RefreshesAhead(MethodModel method) => method.Cached?.Policy is { RefreshAhead: > 0 };

    /// <summary>
    /// The refresh method's body (<c>=> …</c>): starts the background reload of <paramref name="entry"/>'s key through the
    /// real call, with <paramref name="loadToken"/> as its token (never the caller's: the caller has its answer).
    /// </summary>
    public static string Refresh(MethodModel method, string cache, string keyText, string descriptor, string entry, string loadToken, string loadCall, string syncCall)
        => LoadingCall(method, ("RefreshAhead", "RefreshAhead"), $"{cache}, {keyText}, {descriptor}, {entry}", loadToken, loadCall, syncCall, asyncTail: string.Empty, taskAsTask: false);

    /// <summary>
    /// The miss path's body (<c>=> …</c>): load through the shared flight and store. <paramref name="loadCall"/> is the
    /// real call with <paramref name="loadToken"/> as its token; <paramref name="syncCall"/> the real call of a sync method.
    /// </summary>
    public static string Miss(MethodModel method, string cache, string keyText, string descriptor, string loadToken, string loadCall, string syncCall, string callerToken)
        => LoadingCall(method, ("GetOrLoadAsync", "GetOrLoad"), $"{cache}, {keyText}, {descriptor}", loadToken, loadCall, syncCall, asyncTail: $", {callerToken}", taskAsTask: true);

    /// <summary>
    /// <c>=&gt; CacheOperations.Operation&lt;T&gt;(arguments, load…);</c> for the method's return kind: the real call is the
    /// load (<paramref name="loadToken"/> =&gt; its ValueTask, a Task's wrapped in one; a sync method's <c>() =&gt; call</c>),
    /// followed for an async method by <paramref name="asyncTail"/>, and by <c>.AsTask()</c> for a Task when <paramref name="taskAsTask"/>.
    /// </summary>
    private static string LoadingCall(MethodModel method, (string Async, string Sync) operation, string arguments, string loadToken, string loadCall, string syncCall, string asyncTail, bool taskAsTask)
    {
        var resultType = method.Cached!.ResultType;
        return method.ReturnKind switch
        {
            ReturnKind.TaskOfT => $"    => {Infrastructure}.CacheOperations.{operation.Async}<{resultType}>({arguments}, {loadToken} => new {ValueTask}<{resultType}>({loadCall}){asyncTail}){(taskAsTask ? ".AsTask()" : string.Empty)};",
            ReturnKind.ValueTaskOfT => $"    => {Infrastructure}.CacheOperations.{operation.Async}<{resultType}>({arguments}, {loadToken} => {loadCall}{asyncTail});",
            _ => $"    => {Infrastructure}.CacheOperations.{operation.Sync}<{resultType}>({arguments}, () => {syncCall});",
        };
    }
}
