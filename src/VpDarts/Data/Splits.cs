namespace VpDarts.Data;

/// <summary>Split-name checks shared by the readers.</summary>
internal static class Splits
{
    /// <summary>Folder name of an image folder's optional validation split.</summary>
    public const string Validation = "val";

    /// <summary>Returns the split lower-cased, or throws when it is neither <c>train</c> nor <c>test</c>.</summary>
    public static string Check(string split)
    {
        var s = split?.Trim().ToLowerInvariant();
        return s is "train" or "test"
            ? s : throw new UserInputException($"split '{split}' is not valid: use 'train' or 'test'");
    }
}
