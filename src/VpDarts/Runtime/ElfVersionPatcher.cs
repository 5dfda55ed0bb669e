using System.Buffers.Binary;

namespace VpDarts.Runtime;

/// <summary>
/// Marks a symbol-version requirement of a 64-bit little-endian ELF shared object as weak
/// (<c>VER_FLG_WEAK</c> in its <c>.gnu.version_r</c> entry), so the dynamic loader accepts an older
/// libstdc++ that lacks that version. Only the one flag word changes; the file keeps its size and layout.
/// </summary>
public static class ElfVersionPatcher
{
    private const uint ShtGnuVerneed = 0x6ffffffe;
    private const ushort VerFlagWeak = 0x2;

    /// <summary>The version requirements (<c>vernaux</c> names) the image lists, with their flags.</summary>
    public static IReadOnlyList<(string File, string Version, ushort Flags)> ListVersionNeeds(ReadOnlySpan<byte> elf)
    {
        var result = new List<(string, string, ushort)>();
        foreach (var aux in EnumerateVernaux(elf))
            result.Add((aux.File, aux.Name, BinaryPrimitives.ReadUInt16LittleEndian(elf[(aux.Offset + 4)..])));
        return result;
    }

    /// <summary>Sets the weak flag on every requirement named <paramref name="version"/>; returns how many
    /// changed.</summary>
    public static int MarkVersionWeak(Span<byte> elf, string version)
    {
        var changed = 0;
        foreach (var aux in EnumerateVernaux(elf))
        {
            if (aux.Name != version) continue;
            var flagsAt = elf[(aux.Offset + 4)..];
            var flags = BinaryPrimitives.ReadUInt16LittleEndian(flagsAt);
            if ((flags & VerFlagWeak) != 0) continue;
            BinaryPrimitives.WriteUInt16LittleEndian(flagsAt, (ushort)(flags | VerFlagWeak));
            changed++;
        }
        return changed;
    }

    private readonly record struct Vernaux(int Offset, string File, string Name);

    private static List<Vernaux> EnumerateVernaux(ReadOnlySpan<byte> elf)
    {
        if (elf.Length < 64 || elf[0] != 0x7f || elf[1] != (byte)'E' || elf[2] != (byte)'L' || elf[3] != (byte)'F')
            throw new InvalidDataException("not an ELF file (bad magic)");
        if (elf[4] != 2 || elf[5] != 1)
            throw new InvalidDataException("only 64-bit little-endian ELF files are supported");

        var sectionTable = checked((int)BinaryPrimitives.ReadUInt64LittleEndian(elf[0x28..]));
        int entrySize = BinaryPrimitives.ReadUInt16LittleEndian(elf[0x3A..]);
        int count = BinaryPrimitives.ReadUInt16LittleEndian(elf[0x3C..]);
        if (sectionTable <= 0 || entrySize < 64 || sectionTable + (long)entrySize * count > elf.Length)
            throw new InvalidDataException("ELF section header table is missing or out of bounds");

        var found = new List<Vernaux>();
        for (var i = 0; i < count; i++)
        {
            var section = SectionAt(elf, sectionTable + i * entrySize);
            if (section.Type != ShtGnuVerneed) continue;
            if (section.Link >= count) throw new InvalidDataException(".gnu.version_r links to a missing string table");
            var strings = SectionAt(elf, sectionTable + section.Link * entrySize);

            var need = section.Offset;
            for (var n = 0; n < section.Info; n++)
            {
                CheckRange(elf, need, 16);
                int auxCount = BinaryPrimitives.ReadUInt16LittleEndian(elf[(need + 2)..]);
                var file = ReadString(elf, strings, BinaryPrimitives.ReadUInt32LittleEndian(elf[(need + 4)..]));
                var aux = need + (int)BinaryPrimitives.ReadUInt32LittleEndian(elf[(need + 8)..]);
                for (var a = 0; a < auxCount; a++)
                {
                    CheckRange(elf, aux, 16);
                    found.Add(new Vernaux(aux, file,
                        ReadString(elf, strings, BinaryPrimitives.ReadUInt32LittleEndian(elf[(aux + 8)..]))));
                    var nextAux = BinaryPrimitives.ReadUInt32LittleEndian(elf[(aux + 12)..]);
                    if (nextAux == 0) break;
                    aux += (int)nextAux;
                }
                var nextNeed = BinaryPrimitives.ReadUInt32LittleEndian(elf[(need + 12)..]);
                if (nextNeed == 0) break;
                need += (int)nextNeed;
            }
        }
        return found;
    }

    private readonly record struct Section(uint Type, int Offset, int Size, int Link, int Info);

    private static Section SectionAt(ReadOnlySpan<byte> elf, int headerOffset)
    {
        var header = elf.Slice(headerOffset, 64);
        var section = new Section(
            BinaryPrimitives.ReadUInt32LittleEndian(header[4..]),
            checked((int)BinaryPrimitives.ReadUInt64LittleEndian(header[0x18..])),
            checked((int)BinaryPrimitives.ReadUInt64LittleEndian(header[0x20..])),
            (int)BinaryPrimitives.ReadUInt32LittleEndian(header[0x28..]),
            (int)BinaryPrimitives.ReadUInt32LittleEndian(header[0x2C..]));
        if (section.Type != 8 /* SHT_NOBITS */ && (long)section.Offset + section.Size > elf.Length)
            throw new InvalidDataException($"ELF section at header offset {headerOffset} is out of bounds");
        return section;
    }

    private static void CheckRange(ReadOnlySpan<byte> elf, int offset, int length)
    {
        if (offset < 0 || offset + length > elf.Length)
            throw new InvalidDataException($"ELF version entry at offset {offset} is out of bounds");
    }

    private static string ReadString(ReadOnlySpan<byte> elf, Section table, uint index)
    {
        if (index >= table.Size) throw new InvalidDataException($"ELF string index {index} is outside its table");
        var start = table.Offset + (int)index;
        var end = elf[start..(table.Offset + table.Size)].IndexOf((byte)0);
        if (end < 0) throw new InvalidDataException("unterminated ELF string");
        return Encoding.ASCII.GetString(elf.Slice(start, end));
    }
}
