using VpDarts.Data;

namespace VpDarts.Search;

/// <summary>Moves batches to the run's device (a CPU run uses them where they are) and frees their tensors.</summary>
internal static class DeviceBatches
{
    /// <summary><paramref name="batch"/> on <paramref name="device"/>; the batch itself on the CPU.</summary>
    public static Batch ToDevice(Batch batch, Device device) =>
        device.type == DeviceType.CPU ? batch : new Batch(batch.Images.to(device), batch.Labels.to(device));

    /// <summary>The batches on <paramref name="device"/>; the host copies are freed once moved.</summary>
    public static IReadOnlyList<Batch> ToDevice(IReadOnlyList<Batch> batches, Device device)
    {
        if (device.type == DeviceType.CPU) return batches;
        var moved = batches.Select(b => ToDevice(b, device)).ToList();
        DisposeAll(batches);
        return moved;
    }

    /// <summary>Frees the tensors of <paramref name="batch"/>.</summary>
    public static void Dispose(Batch batch)
    {
        batch.Images.Dispose();
        batch.Labels.Dispose();
    }

    /// <summary>Frees the tensors of every batch; nothing when <paramref name="batches"/> is null.</summary>
    public static void DisposeAll(IReadOnlyList<Batch>? batches)
    {
        if (batches is null) return;
        foreach (var b in batches)
        {
            b.Images.Dispose();
            b.Labels.Dispose();
        }
    }
}
