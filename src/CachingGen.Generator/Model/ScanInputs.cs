using CachingGen.Generator.Hashing;

namespace CachingGen.Generator.Model;

/// <summary>
/// What a file's call scan depends on besides the file itself and the compilation's options and references (which
/// <see cref="Parsing.CallSiteScanner"/> compares by itself): whether to scan, the names the syntax filter keeps, and
/// what every file declares to the others. Equatable: while it is equal, a file's scan stays valid.
/// </summary>
/// <param name="Enabled">Whether this project's calls are intercepted at all.</param>
/// <param name="Names">The names of the annotated methods of this compilation and its references, sorted.</param>
/// <param name="Declarations">The combined <see cref="Parsing.DeclarationFingerprint"/> of every file.</param>
internal sealed record ScanInputs(bool Enabled, EquatableArray<string> Names, ulong Declarations);
