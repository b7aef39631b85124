using System.Text.Json;
using System.Text.Json.Nodes;
using CrmPlatform.Sdk.Settings;

namespace CrmPlatform.Sdk.Composition;

/// <content>Secrets: masked in what the API shows, restored where an update sends the mask back.</content>
internal sealed partial class SettingsSchema
{
    /// <summary>The settings as the API shows them: secrets masked.</summary>
    public JsonNode ToMaskedJson(object settings)
    {
        var node = JsonSerializer.SerializeToNode(settings, SettingsType, _json)!;
        MaskSecrets(node, SettingsType);
        return node;
    }

    /// <summary>Puts stored secrets back where an update sent the mask, so clients can send back what they read.</summary>
    public string RestoreMaskedSecrets(string incomingJson, string storedJson, List<SettingsError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var incoming = JsonNode.Parse(incomingJson);
        if (incoming is null)
        {
            return incomingJson;
        }

        Restore(incoming, JsonNode.Parse(storedJson), SettingsType, string.Empty, errors);
        return incoming.ToJsonString();
    }

    /// <summary>
    /// Walks the update beside the stored settings; list items are matched by their <c>name</c> or
    /// <c>id</c> when they have one (else by position), so a removed or reordered item never takes
    /// another's secret. A mask with no stored secret to stand for is an error: send the secret.
    /// </summary>
    private void Restore(JsonNode incoming, JsonNode? stored, Type type, string path, List<SettingsError> errors)
    {
        if (incoming is not JsonObject obj)
        {
            return;
        }

        var old = stored as JsonObject;
        foreach (var property in Properties(type))
        {
            var name = JsonName(type, property.Name);
            if (obj[name] is not { } child)
            {
                continue;
            }

            var previous = old?[name];
            if (property.IsDefined(typeof(SecretAttribute), inherit: true))
            {
                if (child is JsonValue v && v.TryGetValue<string>(out var text) && text == Mask)
                {
                    if (previous is null)
                    {
                        errors.Add(new SettingsError(path + name, string.Empty, "Send the secret itself: there is no stored secret this mask could stand for."));
                    }
                    else
                    {
                        obj[name] = previous.DeepClone();
                    }
                }
            }
            else if (ElementType(property.PropertyType) is { } element && child is JsonArray array)
            {
                var oldItems = previous as JsonArray;
                for (var i = 0; i < array.Count; i++)
                {
                    if (array[i] is { } item)
                    {
                        Restore(item, Counterpart(item, oldItems, i), element, $"{path}{name}[{i}].", errors);
                    }
                }
            }
            else if (IsSettingsObject(property.PropertyType))
            {
                Restore(child, previous, property.PropertyType, $"{path}{name}.", errors);
            }
        }
    }

    private static JsonNode? Counterpart(JsonNode item, JsonArray? oldItems, int index)
    {
        if (oldItems is null)
        {
            return null;
        }

        foreach (var key in new[] { "id", "name" })
        {
            if (item[key] is JsonValue identity && identity.TryGetValue<string>(out var value))
            {
                return oldItems.FirstOrDefault(o => o?[key] is JsonValue v && v.TryGetValue<string>(out var other) && other == value);
            }
        }

        return index < oldItems.Count ? oldItems[index] : null;
    }


    private void MaskSecrets(JsonNode node, Type type)
    {
        if (node is not JsonObject obj)
        {
            return;
        }

        foreach (var property in Properties(type))
        {
            var name = JsonName(type, property.Name);
            if (obj[name] is not { } child)
            {
                continue;
            }

            if (property.IsDefined(typeof(SecretAttribute), inherit: true))
            {
                obj[name] = Mask;
            }
            else if (ElementType(property.PropertyType) is { } element && child is JsonArray array)
            {
                foreach (var item in array.OfType<JsonNode>())
                {
                    MaskSecrets(item, element);
                }
            }
            else if (IsSettingsObject(property.PropertyType))
            {
                MaskSecrets(child, property.PropertyType);
            }
        }
    }
}
