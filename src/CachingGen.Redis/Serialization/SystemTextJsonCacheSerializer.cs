using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using CachingGen.Serialization;

namespace CachingGen.Redis.Serialization;

/// <summary>
/// The default serializer: System.Text.Json. Given a source-generated <see cref="JsonSerializerContext"/> it needs
/// no reflection (trim- and AOT-safe); without one it uses the reflection-based defaults.
/// </summary>
public sealed class SystemTextJsonCacheSerializer : ICacheSerializer
{
    private readonly JsonSerializerOptions _options;

    /// <summary>
    /// Uses <paramref name="options"/>, or <see cref="JsonSerializerOptions.Default"/>. Options without a type
    /// resolver get the reflection-based one.
    /// </summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("ApiDesign", "RS0027", Justification = "The other constructor takes a different required type (a context), so no call is ambiguous.")]
    public SystemTextJsonCacheSerializer(JsonSerializerOptions? options = null)
    {
        _options = options ?? JsonSerializerOptions.Default;
        if (_options.TypeInfoResolver is null && !_options.IsReadOnly)
        {
            _options.TypeInfoResolver = new DefaultJsonTypeInfoResolver();
        }
    }

    /// <summary>Uses the type information of <paramref name="context"/> (source-generated, no reflection).</summary>
    public SystemTextJsonCacheSerializer(JsonSerializerContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        _options = context.Options;
    }

    /// <inheritdoc />
    public byte[] Serialize<T>(T value) => JsonSerializer.SerializeToUtf8Bytes(value, TypeInfo<T>());

    /// <inheritdoc />
    public T Deserialize<T>(ReadOnlySpan<byte> data) => JsonSerializer.Deserialize(data, TypeInfo<T>())!;

    private JsonTypeInfo<T> TypeInfo<T>() => (JsonTypeInfo<T>)_options.GetTypeInfo(typeof(T));
}
