using System.Text;

namespace CachingGen.Generator.Emit;

/// <summary>A small indented text writer for generated C#.</summary>
internal sealed class SourceWriter
{
    // A repository's file is typically 10–40 KB: start big enough that it is rarely copied while growing.
    private readonly StringBuilder _text;
    private int _indent;

    /// <param name="capacity">The expected size, when the caller can tell (a file of 100 interceptors is ~60 KB).</param>
    public SourceWriter(int capacity = 16 * 1024) => _text = new StringBuilder(capacity);

    public void Line(string line = "")
    {
        if (line.Length > 0)
        {
            _text.Append(' ', _indent * 4);
            _text.Append(line);
        }

        _text.Append('\n');
    }

    /// <summary>Writes several lines (a raw string literal) at the current indentation.</summary>
    public void Lines(string block)
    {
        foreach (var line in block.Replace("\r\n", "\n").Split('\n'))
        {
            Line(line);
        }
    }

    public void Open(string? header = null)
    {
        if (header is not null)
        {
            Line(header);
        }

        Line("{");
        _indent++;
    }

    public void Close(string suffix = "")
    {
        _indent = Math.Max(0, _indent - 1);
        Line("}" + suffix);
    }

    public override string ToString() => _text.ToString();
}
