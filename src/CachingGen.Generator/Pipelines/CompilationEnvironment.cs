using System;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace CachingGen.Generator.Pipelines;

/// <summary>
/// What a compilation's code means besides its files: the assembly's name, the compilation and parse options, and the
/// references by identity (a reference is a snapshot: the same object means the same metadata; a rebuilt project is a
/// new one). Holds no compilation, so whatever keeps it keeps no old compilation alive.
/// </summary>
internal sealed class CompilationEnvironment(Compilation compilation)
{
    private readonly string? _assemblyName = compilation.AssemblyName;
    private readonly CompilationOptions _options = compilation.Options;
    private readonly ParseOptions? _parseOptions = compilation.SyntaxTrees.FirstOrDefault()?.Options;
    private readonly MetadataReference[] _references = compilation.References.ToArray();

    public bool Same(CompilationEnvironment other)
    {
        if (ReferenceEquals(this, other))
        {
            return true;
        }

        if (_references.Length != other._references.Length
            || !string.Equals(_assemblyName, other._assemblyName, StringComparison.Ordinal)
            || !_options.Equals(other._options)
            || !Equals(_parseOptions, other._parseOptions))
        {
            return false;
        }

        for (var i = 0; i < _references.Length; i++)
        {
            if (!ReferenceEquals(_references[i], other._references[i]))
            {
                return false;
            }
        }

        return true;
    }
}
