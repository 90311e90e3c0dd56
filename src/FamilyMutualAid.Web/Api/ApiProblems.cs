using System.Globalization;
using System.Text.Json;

namespace FamilyMutualAid.Web.Api;

/// <summary>Collects field errors for one request and answers 400 application/problem+json naming each bad field.</summary>
public sealed class FieldErrors
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public bool Any => _errors.Count > 0;

    /// <summary>The status of the answer: 400, unless the request was refused as a whole (413, 415).</summary>
    public int StatusCode { get; private set; } = StatusCodes.Status400BadRequest;

    /// <summary>Refuses the request as a whole with <paramref name="statusCode"/>, still naming what is wrong.</summary>
    public void Refuse(int statusCode, string field, string message)
    {
        StatusCode = statusCode;
        Add(field, message);
    }

    public void Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var messages))
        {
            _errors[field] = messages = [];
        }
        messages.Add(message);
    }

    public IResult ToProblem() => Results.ValidationProblem(
        _errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal),
        statusCode: StatusCode,
        title: Title(StatusCode),
        detail: Detail(_errors.Select(e => (e.Key, (IEnumerable<string>)e.Value))));

    /// <summary>
    /// Words a problem of the built-in validation as the API's own: each field named by its JSON path
    /// (<c>Sharer.Balance</c> becomes <c>sharer.balance</c>), with the same title and detail.
    /// </summary>
    public static void Word(HttpValidationProblemDetails problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        var errors = problem.Errors.ToDictionary(
            e => string.Join('.', e.Key.Split('.').Select(JsonNamingPolicy.CamelCase.ConvertName)), e => e.Value, StringComparer.Ordinal);
        problem.Errors.Clear();
        foreach (var (field, messages) in errors)
        {
            problem.Errors[field] = messages;
        }
        var status = problem.Status ?? StatusCodes.Status400BadRequest;
        problem.Title = Title(status);
        problem.Detail = Detail(errors.Select(e => (e.Key, (IEnumerable<string>)e.Value)));
    }

    private static string Title(int statusCode) => statusCode switch
    {
        StatusCodes.Status413PayloadTooLarge => "The request body is too large.",
        StatusCodes.Status415UnsupportedMediaType => "The request body must be JSON.",
        _ => "The request has invalid fields.",
    };

    private static string Detail(IEnumerable<(string Field, IEnumerable<string> Messages)> errors) =>
        string.Join("; ", errors.Select(e => $"{e.Field}: {string.Join(", ", e.Messages)}"));
}

/// <summary>Shared parsing of query and body values with the limits the API accepts.</summary>
public static class ApiValues
{
    public static readonly DateOnly EarliestDate = new(2000, 1, 1);
    public static readonly DateOnly LatestDate = new(2099, 12, 31);

    /// <summary>Parses an optional ISO date, defaulting to <paramref name="fallback"/>; records an error naming the field.</summary>
    public static DateOnly? Date(string? text, string field, DateOnly fallback, FieldErrors errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (string.IsNullOrEmpty(text))
        {
            return fallback;
        }
        if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            errors.Add(field, "must be a date in the form YYYY-MM-DD");
            return null;
        }
        if (date < EarliestDate || date > LatestDate)
        {
            errors.Add(field, $"must be between {EarliestDate:yyyy-MM-dd} and {LatestDate:yyyy-MM-dd}");
            return null;
        }
        return date;
    }

    public static IResult RegionNotFound(string slug) => Results.Problem(
        statusCode: StatusCodes.Status404NotFound,
        title: "Unknown region.",
        detail: $"region: no region has the slug '{(slug.Length > 60 ? slug[..60] + "…" : slug)}'; GET /api/regions lists them.");
}
