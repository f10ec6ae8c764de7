namespace CachingGen.Generator.Emit;

/// <summary>
/// Names one key builder per distinct template of a repository (overloads when the same template reads
/// parameters of other types), deterministically from the template text.
/// </summary>
internal sealed class KeyBuilderNames
{
    private readonly Dictionary<string, string> _byTemplate = new();

    public KeyBuilderNames(IEnumerable<MethodModel> methods)
    {
        var used = new HashSet<string>();
        foreach (var template in AllTemplates(methods))
        {
            if (_byTemplate.ContainsKey(template.Text))
            {
                continue;
            }

            var name = Identifiers.FromTemplate(template.Text) + (template.IsPrefix ? "Prefix" : string.Empty);
            var candidate = name;
            for (var i = 2; !used.Add(candidate); i++)
            {
                candidate = name + i;
            }

            _byTemplate[template.Text] = candidate;
        }

        // One builder per template and parameter-type list.
        Builders = AllTemplates(methods)
            .GroupBy(t => (t.Text, Types: string.Join(",", t.Roots.Select(r => r.Type))))
            .Select(g => (Name: _byTemplate[g.Key.Text], Template: g.First()))
            .ToList();
    }

    public IReadOnlyList<(string Name, KeyTemplateModel Template)> Builders { get; }

    public string this[KeyTemplateModel template] => _byTemplate[template.Text];

    private static IEnumerable<KeyTemplateModel> AllTemplates(IEnumerable<MethodModel> methods)
    {
        foreach (var method in methods)
        {
            if (method.Cached is not null)
            {
                yield return method.Cached.Key;
                continue;
            }

            foreach (var template in method.Invalidates)
            {
                yield return template;
            }
        }
    }
}
