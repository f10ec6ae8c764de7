using System;
using System.IO;

namespace Balances.Data;

/// <summary>
/// A text progress bar: redrawn in place at each whole percent on a terminal, one line per 10% when the
/// output is a log file.
/// </summary>
public sealed class ProgressBar(TextWriter output, long total)
{
    private const int Width = 40;
    private readonly bool _interactive = !Console.IsOutputRedirected;
    private int _lastPercent = -1;

    public void Report(long done)
    {
        var percent = (int)(done * 100 / Math.Max(1, total));
        if (percent == _lastPercent || (!_interactive && percent % 10 != 0))
        {
            return;
        }

        _lastPercent = percent;
        var filled = percent * Width / 100;
        var line = $"  [{new string('#', filled)}{new string('.', Width - filled)}] {percent,3}% {done:N0}/{total:N0}";
        if (_interactive)
        {
            output.Write("\r" + line);
        }
        else
        {
            output.WriteLine(line);
        }
    }

    public void Done()
    {
        Report(total);
        if (_interactive)
        {
            output.WriteLine();
        }
    }
}
