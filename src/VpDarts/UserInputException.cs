namespace VpDarts;

/// <summary>
/// Bad input from the user (a file, an argument, a setting). Its message is one line that names the file or
/// argument and says what is wrong; the CLI prints it as it is and exits non-zero.
/// </summary>
public class UserInputException(string message, Exception? inner = null) : Exception(message, inner);
