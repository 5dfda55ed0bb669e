namespace VpDarts.Optimizers;

/// <summary>
/// Optimizer state files in TorchSharp's format, which starts with the optimizer's type name. The library's
/// optimizers extend TorchSharp's (<see cref="SgdOptimizer"/> is an <c>SGD</c>, <see cref="AdamOptimizer"/> an
/// <c>Adam</c>) and store the state under TorchSharp's name, so the files load into plain TorchSharp optimizers and
/// into runs of any version; files written under the library's own type names load as well.
/// </summary>
public static class OptimizerStateFile
{
    /// <summary>Writes the state of <paramref name="optimizer"/> to <paramref name="path"/>.</summary>
    public static void Save(OptimizerHelper optimizer, string path)
    {
        using var buffer = new MemoryStream();
        using (var writer = new BinaryWriter(buffer, System.Text.Encoding.UTF8, leaveOpen: true))
            optimizer.save_state_dict(writer);
        buffer.Position = 0;
        var (_, body) = Split(buffer);
        using var file = File.Create(path);
        using var output = new BinaryWriter(file);
        output.Write(StoredName(optimizer));
        body.CopyTo(file);
    }

    /// <summary>Loads <paramref name="path"/> into <paramref name="optimizer"/>.</summary>
    public static void Load(OptimizerHelper optimizer, string path)
    {
        using var file = File.OpenRead(path);
        var (name, body) = Split(file);
        if (name != StoredName(optimizer) && name != optimizer.GetType().Name)
            throw new InvalidDataException($"{path}: holds {name} optimizer state, not {StoredName(optimizer)}");
        using var renamed = new MemoryStream();
        using (var writer = new BinaryWriter(renamed, System.Text.Encoding.UTF8, leaveOpen: true))
            writer.Write(optimizer.GetType().Name);
        body.CopyTo(renamed);
        renamed.Position = 0;
        using var reader = new BinaryReader(renamed);
        optimizer.load_state_dict(reader);
    }

    /// <summary>The TorchSharp optimizer type <paramref name="optimizer"/> is or extends.</summary>
    private static string StoredName(OptimizerHelper optimizer)
    {
        var type = optimizer.GetType();
        while (type.Assembly != typeof(OptimizerHelper).Assembly && type.BaseType is { } parent) type = parent;
        return type.Name;
    }

    private static (string Name, Stream Body) Split(Stream stream)
    {
        using var reader = new BinaryReader(stream, System.Text.Encoding.UTF8, leaveOpen: true);
        var name = reader.ReadString();
        return (name, stream);
    }
}
