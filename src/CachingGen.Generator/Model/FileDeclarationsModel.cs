using CachingGen.Generator.Hashing;

namespace CachingGen.Generator.Model;

/// <summary>What one file declares to the others, as a hash (<see cref="Hashing.DeclarationFingerprint"/>).</summary>
/// <param name="FilePath">The file.</param>
/// <param name="Fingerprint">The hash of its declarations.</param>
internal sealed record FileDeclarationsModel(string FilePath, ulong Fingerprint);
