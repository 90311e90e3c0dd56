using FamilyMutualAid.Rules;
using Mono.Cecil;
using Xunit.Abstractions;

namespace FamilyMutualAid.Web.Tests.Architecture;

/// <summary>
/// The folders of the site depend on each other one way (Rules ← Content ← Data / Publishing ← features): read from
/// the compiled code, so an unused using adds nothing and a fully qualified name is not missed. A folder is a
/// top-level folder of the Web project, or a feature folder under Pages/ (Pages/Check, Pages/Staff…).
/// </summary>
public sealed class FolderDependencyTests(ITestOutputHelper output)
{
    private const string Root = "FamilyMutualAid.Web";

    [Fact]
    public void No_two_folders_of_the_site_depend_on_each_other_even_through_others()
    {
        var graph = FolderGraph.Read(typeof(Program).Assembly.Location);
        foreach (var (from, to) in graph.Edges.Keys.Order())
        {
            output.WriteLine($"{from} -> {to}");
        }
        var cycles = graph.Cycles();
        Assert.True(cycles.Count == 0, "Folders that depend on each other:\n" + string.Join("\n", cycles.Select(graph.Explain)));
    }

    [Fact]
    public void The_cycle_check_finds_a_cycle_and_names_the_types_on_it()
    {
        var graph = new FolderGraph();
        graph.Add("Data", "Publishing", "Data.A uses Publishing.B");
        graph.Add("Publishing", "Content", "Publishing.B uses Content.C");
        graph.Add("Content", "Data", "Content.C uses Data.A");
        graph.Add("Pages.Check", "Content", "Pages.Check.D uses Content.C");

        var cycle = Assert.Single(graph.Cycles());

        Assert.Equal(["Content", "Data", "Publishing"], cycle.Order());
        Assert.Contains("Content.C uses Data.A", graph.Explain(cycle), StringComparison.Ordinal);
    }

    [Fact]
    public void The_rules_library_references_neither_ASP_NET_nor_EF_Core()
    {
        using var rules = AssemblyDefinition.ReadAssembly(typeof(PolicySnapshot).Assembly.Location);
        var references = rules.MainModule.AssemblyReferences.Select(r => r.Name).ToList();
        Assert.DoesNotContain(references, name => name.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal)
            || name.StartsWith("Microsoft.EntityFrameworkCore", StringComparison.Ordinal)
            || name.StartsWith("FamilyMutualAid.Web", StringComparison.Ordinal));
    }

    /// <summary>Which folder depends on which, with one example of each dependency.</summary>
    private sealed class FolderGraph
    {
        public Dictionary<(string From, string To), string> Edges { get; } = [];

        public void Add(string from, string to, string example)
        {
            if (from != to)
            {
                Edges.TryAdd((from, to), example);
            }
        }

        public static FolderGraph Read(string assemblyPath)
        {
            var graph = new FolderGraph();
            using var assembly = AssemblyDefinition.ReadAssembly(assemblyPath);
            var views = ViewFolders(assembly);
            foreach (var type in assembly.MainModule.GetTypes())
            {
                if (FolderOf(type, views) is not { } from)
                {
                    continue;
                }
                foreach (var used in Uses(type))
                {
                    // A type of the same assembly is named by its definition; others are never resolved (that loads their assemblies).
                    if (used is TypeDefinition definition && definition.Module == assembly.MainModule && FolderOf(definition, views) is { } to)
                    {
                        graph.Add(from, to, $"{type.FullName} uses {definition.FullName}");
                    }
                }
            }
            return graph;
        }

        /// <summary>Each set of folders that reach each other (Tarjan's strongly connected components of two or more).</summary>
        public List<HashSet<string>> Cycles()
        {
            var next = Edges.Keys.GroupBy(e => e.From).ToDictionary(g => g.Key, g => g.Select(e => e.To).ToList());
            var (index, low, stack, onStack, found) = (new Dictionary<string, int>(), new Dictionary<string, int>(), new Stack<string>(), new HashSet<string>(), new List<HashSet<string>>());
            void Visit(string node)
            {
                index[node] = low[node] = index.Count;
                stack.Push(node);
                onStack.Add(node);
                foreach (var to in next.GetValueOrDefault(node) ?? [])
                {
                    if (!index.TryGetValue(to, out var seen))
                    {
                        Visit(to);
                        low[node] = Math.Min(low[node], low[to]);
                    }
                    else if (onStack.Contains(to))
                    {
                        low[node] = Math.Min(low[node], seen);
                    }
                }
                if (low[node] == index[node])
                {
                    var component = new HashSet<string>();
                    string member;
                    do
                    {
                        member = stack.Pop();
                        onStack.Remove(member);
                        component.Add(member);
                    }
                    while (member != node);
                    if (component.Count > 1)
                    {
                        found.Add(component);
                    }
                }
            }
            foreach (var node in Edges.Keys.SelectMany(e => new[] { e.From, e.To }).Distinct().Order())
            {
                if (!index.ContainsKey(node))
                {
                    Visit(node);
                }
            }
            return found;
        }

        public string Explain(HashSet<string> cycle) =>
            string.Join(", ", cycle.Order()) + ":\n" + string.Join("\n", Edges.Where(e => cycle.Contains(e.Key.From) && cycle.Contains(e.Key.To))
                .OrderBy(e => e.Key).Select(e => $"  {e.Key.From} -> {e.Key.To}: {e.Value}"));

        /// <summary>The folder of a compiled Razor view, from the path the compiler recorded for it (/Pages/Staff/Index.cshtml).</summary>
        private static Dictionary<string, string> ViewFolders(AssemblyDefinition assembly) =>
            assembly.CustomAttributes
                .Where(a => a.AttributeType.Name == "RazorCompiledItemAttribute" && a.ConstructorArguments.Count == 3)
                .Select(a => (Type: ((TypeReference)a.ConstructorArguments[0].Value).FullName, Path: (string)a.ConstructorArguments[2].Value))
                .ToDictionary(v => v.Type, v => FolderOfPath(v.Path));

        private static string FolderOfPath(string path)
        {
            var parts = path.Trim('/').Split('/');
            return parts is ["Pages", var feature, _, ..] ? $"Pages.{feature}" : parts[0];
        }

        private static string? FolderOf(TypeDefinition type, Dictionary<string, string> views)
        {
            var outer = type;
            while (outer.DeclaringType is { } declaring)
            {
                outer = declaring;
            }
            if (views.TryGetValue(outer.FullName, out var viewFolder))
            {
                return viewFolder;
            }
            if (outer.Namespace == Root)
            {
                return "(root)";
            }
            if (!outer.Namespace.StartsWith(Root + ".", StringComparison.Ordinal))
            {
                return null;
            }
            var parts = outer.Namespace[(Root.Length + 1)..].Split('.');
            return parts is ["Pages", var feature, ..] ? $"Pages.{feature}" : parts[0];
        }

        /// <summary>Every type a type names: base, interfaces, attributes, fields, properties, signatures and the code of its methods.</summary>
        private static IEnumerable<TypeReference> Uses(TypeDefinition type)
        {
            IEnumerable<TypeReference> Of(TypeReference? reference) => reference switch
            {
                null => [],
                GenericInstanceType generic => [generic.ElementType, .. generic.GenericArguments.SelectMany(Of)],
                TypeSpecification specification => Of(specification.ElementType),
                _ => [reference],
            };
            IEnumerable<TypeReference> OfAttributes(ICustomAttributeProvider provider) =>
                provider.CustomAttributes.SelectMany(a => Of(a.AttributeType)
                    .Concat(a.ConstructorArguments.Select(arg => arg.Value).OfType<TypeReference>().SelectMany(Of)));
            var uses = Of(type.BaseType).Concat(type.Interfaces.SelectMany(i => Of(i.InterfaceType))).Concat(OfAttributes(type))
                .Concat(type.Fields.SelectMany(f => Of(f.FieldType).Concat(OfAttributes(f))))
                .Concat(type.Properties.SelectMany(p => Of(p.PropertyType).Concat(OfAttributes(p))));
            foreach (var method in type.Methods)
            {
                uses = uses.Concat(Of(method.ReturnType)).Concat(method.Parameters.SelectMany(p => Of(p.ParameterType))).Concat(OfAttributes(method));
                if (!method.HasBody)
                {
                    continue;
                }
                uses = uses.Concat(method.Body.Variables.SelectMany(v => Of(v.VariableType)));
                uses = uses.Concat(method.Body.Instructions.SelectMany(instruction => instruction.Operand switch
                {
                    TypeReference reference => Of(reference),
                    MethodReference called => Of(called.DeclaringType).Concat(called is GenericInstanceMethod g ? g.GenericArguments.SelectMany(Of) : []),
                    FieldReference field => Of(field.DeclaringType).Concat(Of(field.FieldType)),
                    _ => [],
                }));
            }
            return uses;
        }
    }
}
