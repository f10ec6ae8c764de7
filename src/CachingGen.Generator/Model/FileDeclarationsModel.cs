using CachingGen.Generator.Hashing;

namespace CachingGen.Generator.Model;

/// <summary>What one file declares to the others (<see cref="FileBindings"/>), compared by its fingerprint alone.</summary>
/// <param name="FilePath">The file.</param>
/// <param name="Fingerprint">The hash of its declarations, in order (<see cref="FileBindings.Fingerprint"/>).</param>
/// <param name="Bindings">The same declarations split by how far a change reaches, for the reuse that compares names.</param>
internal sealed record FileDeclarationsModel(string FilePath, ulong Fingerprint, OutsideEquality<FileBindings> Bindings)
{
    public static FileDeclarationsModel Of(Microsoft.CodeAnalysis.SyntaxTree tree, System.Threading.CancellationToken cancellationToken)
    {
        var bindings = FileBindings.Of(tree, cancellationToken);
        return new FileDeclarationsModel(tree.FilePath, bindings.Fingerprint, new OutsideEquality<FileBindings>(bindings));
    }
}
