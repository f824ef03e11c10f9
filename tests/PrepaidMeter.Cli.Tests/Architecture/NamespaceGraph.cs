using Mono.Cecil;
using Mono.Cecil.Cil;

namespace PrepaidMeter.Cli.Tests.Architecture;

/// <summary>
/// Which namespace of the product uses which, read from the compiled assemblies: every type a type names in its base
/// types, fields, signatures, attributes and method bodies. Compiler-made types (closures, state machines) count for
/// the type that made them, as they live in its namespace.
/// </summary>
internal sealed class NamespaceGraph
{
    private readonly Dictionary<string, HashSet<string>> _uses = new(StringComparer.Ordinal);

    private NamespaceGraph()
    {
    }

    public IEnumerable<string> Namespaces => _uses.Keys;

    public IReadOnlySet<string> UsesOf(string ns) => _uses.TryGetValue(ns, out var used) ? used : new HashSet<string>();

    /// <summary>The graph of the product's namespaces (those starting with <paramref name="prefix"/>) in <paramref name="assemblyFiles"/>.</summary>
    public static NamespaceGraph Read(IEnumerable<string> assemblyFiles, string prefix)
    {
        var graph = new NamespaceGraph();
        foreach (var file in assemblyFiles)
        {
            using var module = ModuleDefinition.ReadModule(file);
            foreach (var type in module.GetTypes())
            {
                var from = NamespaceOf(type);
                if (!from.StartsWith(prefix, StringComparison.Ordinal))
                {
                    continue;
                }

                var used = graph.Node(from);
                foreach (var to in Referenced(type).SelectMany(Flatten).Select(NamespaceOf).Where(n => n.StartsWith(prefix, StringComparison.Ordinal) && n != from))
                {
                    used.Add(to);
                }
            }
        }

        return graph;
    }

    /// <summary>The namespaces that use each other, round a loop: each strongly connected set of two or more (Tarjan).</summary>
    public IReadOnlyList<IReadOnlyList<string>> Cycles()
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var low = new Dictionary<string, int>(StringComparer.Ordinal);
        var stack = new Stack<string>();
        var onStack = new HashSet<string>(StringComparer.Ordinal);
        var cycles = new List<IReadOnlyList<string>>();

        void Visit(string node)
        {
            index[node] = low[node] = index.Count;
            stack.Push(node);
            onStack.Add(node);
            foreach (var next in UsesOf(node))
            {
                if (!index.TryGetValue(next, out var seen))
                {
                    Visit(next);
                    low[node] = Math.Min(low[node], low[next]);
                }
                else if (onStack.Contains(next))
                {
                    low[node] = Math.Min(low[node], seen);
                }
            }

            if (low[node] == index[node])
            {
                var set = new List<string>();
                string member;
                do
                {
                    member = stack.Pop();
                    onStack.Remove(member);
                    set.Add(member);
                }
                while (member != node);
                if (set.Count > 1)
                {
                    cycles.Add([.. set.Order(StringComparer.Ordinal)]);
                }
            }
        }

        foreach (var node in _uses.Keys.Order(StringComparer.Ordinal).ToList())
        {
            if (!index.ContainsKey(node))
            {
                Visit(node);
            }
        }

        return cycles;
    }

    private HashSet<string> Node(string ns)
    {
        if (!_uses.TryGetValue(ns, out var used))
        {
            _uses[ns] = used = new HashSet<string>(StringComparer.Ordinal);
        }

        return used;
    }

    /// <summary>A type and what it is made of: List&lt;Sale&gt; names List and Sale, Sale[] names Sale.</summary>
    private static IEnumerable<TypeReference> Flatten(TypeReference type)
    {
        switch (type)
        {
            case GenericInstanceType generic:
                yield return generic.ElementType;
                foreach (var argument in generic.GenericArguments.SelectMany(Flatten))
                {
                    yield return argument;
                }

                break;
            case TypeSpecification specification:
                foreach (var element in Flatten(specification.ElementType))
                {
                    yield return element;
                }

                break;
            case GenericParameter:
                break;
            default:
                yield return type;
                break;
        }
    }

    // A nested type (a closure, an iterator) is in the namespace of the type it is nested in.
    private static string NamespaceOf(TypeReference type)
    {
        while (type.DeclaringType is { } outer)
        {
            type = outer;
        }

        return type.GetElementType().Namespace;
    }

    private static IEnumerable<TypeReference> Referenced(TypeDefinition type)
    {
        if (type.BaseType is { } baseType)
        {
            yield return baseType;
        }

        foreach (var face in type.Interfaces)
        {
            yield return face.InterfaceType;
        }

        foreach (var attribute in type.CustomAttributes)
        {
            yield return attribute.AttributeType;
        }

        foreach (var field in type.Fields)
        {
            yield return field.FieldType;
        }

        foreach (var property in type.Properties)
        {
            yield return property.PropertyType;
        }

        foreach (var method in type.Methods)
        {
            foreach (var used in InMethod(method))
            {
                yield return used;
            }
        }
    }

    private static IEnumerable<TypeReference> InMethod(MethodDefinition method)
    {
        yield return method.ReturnType;
        foreach (var parameter in method.Parameters)
        {
            yield return parameter.ParameterType;
        }

        if (!method.HasBody)
        {
            yield break;
        }

        foreach (var variable in method.Body.Variables)
        {
            yield return variable.VariableType;
        }

        foreach (var instruction in method.Body.Instructions)
        {
            switch (instruction.Operand)
            {
                case TypeReference type:
                    yield return type;
                    break;
                case MethodReference called:
                    yield return called.DeclaringType;
                    yield return called.ReturnType;
                    foreach (var parameter in called.Parameters)
                    {
                        yield return parameter.ParameterType;
                    }

                    break;
                case FieldReference field:
                    yield return field.DeclaringType;
                    yield return field.FieldType;
                    break;
                case Instruction or Instruction[] or VariableDefinition or ParameterDefinition or CallSite or string or null:
                    break;
                default:
                    break;
            }
        }
    }
}
