using System.Text.Json.Nodes;
using FamilyMutualAid.Rules;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace FamilyMutualAid.Web.Api;

/// <summary>
/// The JSON API's framework parts: System.Text.Json binding checked by <see cref="JsonRequestGuard"/>, built-in validation
/// answering the API's field-named problem+json, and the OpenAPI description at <c>/openapi/v1.json</c> (MapOpenApi).
/// </summary>
public static class JsonApi
{
    public const string DocumentName = "v1";

    public static IServiceCollection AddJsonApi(this IServiceCollection services)
    {
        services.AddValidation();
        services.Configure<ProblemDetailsOptions>(options =>
        {
            var previous = options.CustomizeProblemDetails;
            options.CustomizeProblemDetails = context =>
            {
                previous?.Invoke(context);
                // Only the built-in validation's problems, which come without a detail; FieldErrors words its own.
                if (context.ProblemDetails is HttpValidationProblemDetails { Detail: null } problem
                    && context.HttpContext.GetEndpoint()?.Metadata.GetMetadata<JsonRequestAttribute>() is not null)
                {
                    FieldErrors.Word(problem);
                }
            };
        });
        services.AddOpenApi(DocumentName, options =>
        {
            options.AddDocumentTransformer((document, _, _) =>
            {
                document.Info.Title = "家庭共济指南 JSON API";
                document.Info.Description = "医保个人账户家庭共济的规则、判断和计算。字段名和代码使用英文；出错时返回 application/problem+json，errors 按字段列出每个问题。";
                return Task.CompletedTask;
            });
            options.AddSchemaTransformer(DescribeRequestValues);
        });
        return services;
    }

    public static IApplicationBuilder UseJsonRequestGuard(this IApplicationBuilder app) => app.UseMiddleware<JsonRequestGuard>();

    /// <summary>A POST endpoint reading a JSON object checked by <see cref="JsonRequestGuard"/>, with <paramref name="example"/> in its description.</summary>
    public static RouteHandlerBuilder WithJsonRequest(this RouteHandlerBuilder builder, string example)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var node = JsonNode.Parse(example);
        return builder
            .WithMetadata(new JsonRequestAttribute())
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .AddOpenApiOperationTransformer((operation, _, _) =>
            {
                if (operation.RequestBody?.Content is { } content)
                {
                    foreach (var media in content.Values)
                    {
                        media.Example = node?.DeepClone();
                    }
                }
                return Task.CompletedTask;
            });
    }

    /// <summary>The lenient request values are read by converters, so their schemas say what the API accepts.</summary>
    private static Task DescribeRequestValues(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        var type = Nullable.GetUnderlyingType(context.JsonTypeInfo.Type) ?? context.JsonTypeInfo.Type;
        if (type == typeof(RequestText))
        {
            schema.Type = JsonSchemaType.String;
            schema.MinLength = 1;
        }
        else if (type == typeof(RequestDate))
        {
            schema.Type = JsonSchemaType.String;
            schema.Format = "date";
        }
        else if (type == typeof(RequestAmount))
        {
            schema.Type = JsonSchemaType.Number;
            schema.Minimum = "0";
            schema.Maximum = Money.MaxYuan.ToString("0", System.Globalization.CultureInfo.InvariantCulture);
            schema.MultipleOf = 0.01m;
        }
        else if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(RequestCode<>))
        {
            schema.Type = JsonSchemaType.String;
            schema.Enum = [.. ((IRequestCode)Activator.CreateInstance(type)!).Codes.Select(code => (JsonNode)JsonValue.Create(code))];
        }
        else if (context.JsonTypeInfo.Kind == System.Text.Json.Serialization.Metadata.JsonTypeInfoKind.Object && type.Namespace == typeof(JsonApi).Namespace)
        {
            // Required is what validation says is required, not what the C# types say.
            var required = context.JsonTypeInfo.Properties
                .Where(p => p.AttributeProvider?.IsDefined(typeof(RequiredFieldAttribute), inherit: false) == true)
                .Select(p => p.Name)
                .ToList();
            if (required.Count > 0)
            {
                schema.Required = new HashSet<string>(required, StringComparer.Ordinal);
            }
        }
        return Task.CompletedTask;
    }
}
